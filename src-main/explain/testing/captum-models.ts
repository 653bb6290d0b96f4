import { fromNumbers } from '../../engine';
import type { Traced, Tracer } from '../../engine';
import type { BlackBox } from '../black-box';
import { tracedBox } from './traced-box';

/**
 * The toy models of Captum's own tests (captum_test_vectors.json, `model_definitions`), traced
 * with the engine and saved as ONNX with a dynamic batch axis. Captum's separate inputs x1, x2, …
 * (one value each per example) become the features of one [B, 1, F] input.
 */
const definitions = {
  /** f(x) = 1 − relu(1 − x) */
  BasicModel: { features: 1, output: 'values', build: (_, x) => x.neg().add(1).relu().neg().add(1) },
  /** f(x1, x2) = relu(relu(x1) − 1 − relu(x2)) */
  BasicModel2: {
    features: 2,
    output: 'values',
    build: (_, x) => feature(x, 0).relu().sub(1).sub(feature(x, 1).relu()).relu(),
  },
  /** f(x1, x2) = relu(relu(x1 − 1) − relu(x2)) */
  BasicModel3: {
    features: 2,
    output: 'values',
    build: (_, x) => feature(x, 0).sub(1).relu().sub(feature(x, 1).relu()).relu(),
  },
  /** x(3) → Linear(3,4) W = 1, b = [−10, 1, 1, 1] → ReLU → Linear(4,2) W = 1, b = [−1, 1] */
  BasicModel_MultiLayer: {
    features: 3,
    output: 'logits',
    build: (g, x) =>
      x
        .matmul(g.constant(fromNumbers('float32', [3, 4], new Array<number>(12).fill(1))))
        .add(g.constant([-10, 1, 1, 1]))
        .relu()
        .matmul(g.constant(fromNumbers('float32', [4, 2], new Array<number>(8).fill(1))))
        .add(g.constant([-1, 1])),
  },
  /** f(x1, x2) = 2·relu(x1) + 2·relu(x2 − 1.5) */
  ReLUDeepLiftModel: {
    features: 2,
    output: 'values',
    build: (_, x) => feature(x, 0).relu().mul(2).add(feature(x, 1).sub(1.5).relu().mul(2)),
  },
  /** f(x1, x2) = 2·tanh(x1) + 2·tanh(x2 − 1.5) */
  TanhDeepLiftModel: {
    features: 2,
    output: 'values',
    build: (_, x) => feature(x, 0).tanh().mul(2).add(feature(x, 1).sub(1.5).tanh().mul(2)),
  },
} satisfies Record<string, { features: number; output: BlackBox['output']; build: (g: Tracer, x: Traced) => Traced }>;

export type CaptumModel = keyof typeof definitions;
export const captumModels = Object.keys(definitions) as CaptumModel[];

function feature(x: Traced, index: number): Traced {
  return x.slice([index], [index + 1], [2]);
}

/** The model as a black box taking [B, 1, F] windows. */
export async function captumModel(name: CaptumModel): Promise<{ box: BlackBox; features: number }> {
  const { features, output, build } = definitions[name];
  return { box: await tracedBox(name, [1, features], output, build), features };
}
