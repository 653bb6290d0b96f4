import type { OpDefinition } from './definition';

export const Identity: OpDefinition = {
  op: 'Identity',
  infer: (node) => [node.input(0)],
  fold: (node) => {
    const value = node.value(0);
    return value ? [value] : undefined;
  },
  vjp: ({ dy }) => [dy],
};
