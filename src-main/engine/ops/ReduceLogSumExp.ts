import type { OpDefinition } from './definition';
import { reductionOp } from './shared/reduce';

// d logsumexp(x)/dx = softmax(x) = exp(x - y)
export const ReduceLogSumExp: OpDefinition = reductionOp('ReduceLogSumExp', {
  vjp: ({ x, dy, y }) => dy.mul(x.sub(y).exp()),
});
