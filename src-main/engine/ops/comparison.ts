import type { OpDefinition } from './definition';
import { broadcastingOp, unaryOp } from './shared/elementwise';

/** Comparisons and logic: bool results, no gradient. */
const bool = { dtype: 'bool', vjp: 'none' } as const;

export const comparisonOps: readonly OpDefinition[] = [
  broadcastingOp('Equal', { ...bool, fold: (a, b) => Number(a === b) }),
  broadcastingOp('Greater', { ...bool, fold: (a, b) => Number(a > b) }),
  broadcastingOp('GreaterOrEqual', { ...bool, fold: (a, b) => Number(a >= b) }),
  broadcastingOp('Less', { ...bool, fold: (a, b) => Number(a < b) }),
  broadcastingOp('LessOrEqual', { ...bool, fold: (a, b) => Number(a <= b) }),
  broadcastingOp('And', { ...bool, fold: (a, b) => (a !== 0 && b !== 0 ? 1 : 0) }),
  broadcastingOp('Or', { ...bool, fold: (a, b) => (a !== 0 || b !== 0 ? 1 : 0) }),
  broadcastingOp('Xor', { ...bool, fold: (a, b) => Number(Boolean(a) !== Boolean(b)) }),
  unaryOp('Not', { ...bool, fold: (a) => Number(!a) }),
  unaryOp('IsNaN', { ...bool, fold: (a) => Number(Number.isNaN(a)) }),
];

/** Piecewise-constant functions: zero gradient almost everywhere. */
export const stepOps: readonly OpDefinition[] = [
  unaryOp('Sign', { vjp: 'none', fold: Math.sign }),
  unaryOp('Floor', { vjp: 'none', fold: Math.floor }),
  unaryOp('Ceil', { vjp: 'none', fold: Math.ceil }),
  // ONNX Round is round-half-to-even.
  unaryOp('Round', { vjp: 'none', fold: (a) => (Math.abs(a % 1) === 0.5 ? 2 * Math.round(a / 2) : Math.round(a)) }),
];
