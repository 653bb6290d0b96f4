import type { OpDefinition } from './definition';

/** Forward only. */
export const ScatterND: OpDefinition = {
  op: 'ScatterND',
  infer: (node) => [node.input(0)],
};
