/**
 * The engine: gradient graphs on ONNX Runtime.
 *
 *   const model = await importModel(bytes, { inputShapes: { x: [16, 360, 1] } });
 *   const g = new Tracer();
 *   const x = g.input('x', 'float32', [16, 360, 1]);
 *   const m = g.param('m', tensor('float32', [16, 360, 1]));
 *   const s = m.sigmoid();
 *   const { y } = g.call(model, x.mul(s));
 *   const loss = y.mul(g.constant(oneHotTargets)).reduceSum().neg().add(s.reduceMean().mul(0.01));
 *   const step = await TrainingStep.compile({ loss, params: [m], optimizer: { kind: 'adam', lr: 0.01 } });
 *   for (let i = 0; i < 500; i++) await step.step({ x: batch });
 *
 * or `gradients(y, [x], { seed })` and `Program.compile({ y, dx })` for plain gradient programs.
 */
export { listExecutionProviders, onnxRuntimeVersion } from './execution-providers';

// IR: tensors, graphs, ONNX ModelProto and .npy files.
export type { Attribute, DType, Graph, Model, Node, OpsetImport, Tensor, TypedArray, Value, ValueType } from './ir';
export { formatShape, fromNumbers, numel, readModel, readNpy, tensor, toNumbers, writeModel, writeNpy } from './ir';

// Tracing graphs, and differentiating them.
export { Tracer, Traced, float, floats } from './trace';
export type {
  AttributeInit,
  CallableGraph,
  ConvOptions,
  InlineOptions,
  OpOptions,
  Operand,
  PoolOptions,
  ReduceOptions,
} from './trace';
export { gradients } from './autodiff';
export type { GradientOptions } from './autodiff';
export { differentiableOps, engineOpset } from './ops';

// Importing users' models.
export { importModel, missingGradientRules, supportedOpsets } from './import';
export type { ImportedModel, ImportOptions, MissingGradientRule } from './import';

// Compiled programs on ONNX Runtime.
export { Program, Rng, TrainingStep, releaseSessions, sessionGeneration, setSessionDefaults } from './program';
export type {
  AdamOptions,
  Feed,
  OptimizerOptions,
  ProgramOptions,
  SgdOptions,
  StepResult,
  TrainingStepSpec,
} from './program';
export { timeMaskStep } from './bench/mask-step';
export { pytorchMaskStepMs } from './bench/pytorch-reference';
export { inputGradient, type GradientSeed } from './input-gradient';
export type { MaskStepOptions, MaskStepTiming } from './bench/mask-step';
