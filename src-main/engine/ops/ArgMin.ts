import type { OpDefinition } from './definition';
import { argExtremumOp } from './shared/arg-extremum';

export const ArgMin: OpDefinition = argExtremumOp('ArgMin');
