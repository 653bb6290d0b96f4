import type { OpDefinition } from './definition';

/** Dropout at inference (training_mode absent or false): the identity, plus an all-true mask output. */
export const Dropout: OpDefinition = {
  op: 'Dropout',
  infer: (node) => {
    const training = node.value(2);
    if (training && Number(training.data[0]) !== 0) {
      node.fail('training_mode = true is not supported; export the model in eval mode');
    }
    const x = node.input(0);
    return [x, { dtype: 'bool', shape: x.shape }];
  },
  vjp: ({ dy }) => [dy],
};
