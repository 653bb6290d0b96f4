export { Program } from './program';
export type { Feed, ProgramOptions } from './program';
export { compileGraph, extractGraph } from './compile';
export type { CompiledGraph } from './compile';
export { openSessionCount, releaseSessions } from './session-cache';
export type { SessionOptions } from './session-cache';
export { Rng } from './rng';
