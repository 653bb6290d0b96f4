import { engineDomain } from './definition';
import type { OpDefinition } from './definition';

/**
 * Straight-through estimator StraightThrough(hard, soft): the value of `hard`, with the gradient
 * of the output handed to `soft` unchanged (and none to `hard`).
 */
export const StraightThrough: OpDefinition = {
  op: 'StraightThrough',
  domain: engineDomain,
  infer: (node) => {
    const [hard, soft] = [node.input(0), node.input(1)];
    if (hard.dtype !== soft.dtype || hard.shape.join() !== soft.shape.join()) {
      node.fail('the hard and soft values must have the same type and shape');
    }
    return [hard];
  },
  vjp: ({ dy }) => [undefined, dy],
  lower: (node) => ({ ...node, op: 'Identity', domain: '', inputs: node.inputs.slice(0, 1) }),
};
