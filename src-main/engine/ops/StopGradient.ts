import { engineDomain } from './definition';
import type { OpDefinition } from './definition';

/** The tracer's stop-gradient: the identity going forward, nothing flowing back. */
export const StopGradient: OpDefinition = {
  op: 'StopGradient',
  domain: engineDomain,
  infer: (node) => [node.input(0)],
  fold: (node) => {
    const value = node.value(0);
    return value ? [value] : undefined;
  },
  vjp: 'none',
  lower: (node) => ({ ...node, op: 'Identity', domain: '' }),
};
