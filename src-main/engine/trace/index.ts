export { Tracer } from './tracer';
export type { OpOptions, TracerOptions } from './tracer';
export { Traced } from './traced';
export type { ConvOptions, Operand, PoolOptions, ReduceOptions } from './traced';
export { float, floats } from './attribute-init';
export type { AttributeInit } from './attribute-init';
export type { CallableGraph, InlineOptions } from './inline';
