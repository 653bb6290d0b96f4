import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

// Zero gradient at 0, as PyTorch. The test reads the output (y > 0 exactly where x > 0), so a
// producing Conv keeps a single consumer and ONNX Runtime can fuse the two.
export const Relu: OpDefinition = unaryOp('Relu', {
  fold: (a) => Math.max(a, 0),
  vjp: ({ dy, output, g }) => [g.where(output(0).greater(0), dy, 0)],
});
