import type { OpDefinition } from './definition';
import { broadcastingOp } from './shared/elementwise';
import { extremumVjp } from './shared/extremum';

export const Min: OpDefinition = broadcastingOp('Min', { fold: Math.min, vjp: extremumVjp });
