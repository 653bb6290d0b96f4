import type { OpDefinition } from './definition';
import { broadcastingOp } from './shared/elementwise';
import { extremumVjp } from './shared/extremum';

export const Max: OpDefinition = broadcastingOp('Max', { fold: Math.max, vjp: extremumVjp });
