import { packedBits } from '../../engine/program';
import type { Traced } from '../../engine/trace';
import { AppError } from '../../errors';
import { uniform } from './networks';
import type { Network, NetworkShape, ValueLookup } from './networks';
import {
  encoderDropoutSites,
  encoderLayerWeights,
  invertedDropoutMask,
  linear,
  noDropout,
  PE_WIDTH,
  positionalEncoding,
  timexEncoder,
} from './transformer-layers';
import type { Dropout, DropoutDraws, EncoderLayerSizes } from './transformer-layers';

export interface TransformerMvtsOptions {
  readonly layers: number;
  /** Width of each layer's feed-forward block. */
  readonly feedForward: number;
  /** One rate for every dropout site (attention probabilities, attention output, FF activation, FF output). */
  readonly dropout: number;
  /**
   * How the training masks are drawn (default 'per-value', what the earlier black boxes trained with);
   * 'packed' takes a fraction of the time for the same distribution and needs a rate that is a
   * multiple of 2^-16.
   */
  readonly dropoutDraws?: DropoutDraws;
  /** Divide the pooled embedding by its L2 norm before the head. */
  readonly normEmbedding: boolean;
  /**
   * The time stamps the model reads, baked into the graph as a constant (the positional encoding
   * of them): the TimeX sets' fixed 1…T by default, so the exported model takes only `x`.
   */
  readonly times?: readonly number[];
}

/**
 * TimeX++'s black box `TransformerMVTS` (timexpp.md §4): Z⁰ = concat(PE(t), X) with d_model = D + 16
 * and no input projection, L encoder layers without a residual around attention (§2.3), the
 * pooled Σ_t Z_t / (n₊ + 1) with n₊ = #{t > 0}, an optional L2 norm, and the head
 * W₂ ReLU(W₁ z + b₁) + b₂. Training feeds drawn inverted-dropout masks; inference has none.
 * As `nn.TransformerEncoder` does, every layer starts from the same initial weights.
 */
export function transformerMvts(shape: NetworkShape, options: TransformerMvtsOptions): Network {
  const { layers, feedForward, dropout, normEmbedding, dropoutDraws = 'per-value' } = options;
  const times = options.times ?? Array.from({ length: shape.windowLength }, (_, t) => t + 1);
  if (times.length !== shape.windowLength) {
    throw new AppError(
      'invalid-request',
      `times: expected ${shape.windowLength} stamps (one per step), got ${times.length}`,
    );
  }
  if (!Number.isInteger(layers) || layers < 1) {
    throw new AppError('invalid-request', `layers: expected a whole number ≥ 1, got ${layers}`);
  }
  if (!(dropout >= 0 && dropout < 1)) {
    throw new AppError('invalid-request', `dropout: expected a probability in [0, 1), got ${dropout}`);
  }
  if (dropoutDraws === 'packed' && packedBits(1 - dropout) === undefined) {
    throw new AppError(
      'invalid-request',
      `dropoutDraws: 'packed' needs a dropout rate that is a multiple of 2^-16, got ${dropout}`,
    );
  }
  const sizes: EncoderLayerSizes = { model: shape.channels + PE_WIDTH, feedForward };
  const d = sizes.model;
  const pe = positionalEncoding(times, shape.windowLength);
  const divisor = times.filter((t) => t > 0).length + 1;
  const classify = (x: Traced, value: ValueLookup, drop: Dropout): Traced => {
    const z = timexEncoder(x, x.tracer.constant(pe), value, layers, drop);
    let pooled = z.reduceSum([1]).div(divisor);
    // F.normalize: z / max(‖z‖₂, 1e-12).
    if (normEmbedding) pooled = pooled.div(pooled.reduceL2([1], { keepdims: true }).max(1e-12));
    return linear(linear(pooled, value, 'head.hidden').relu(), value, 'head.out');
  };
  const sites = (batch: number): [string, number[]][] =>
    Array.from({ length: layers }, (_, l) => encoderDropoutSites(`layer${l}`, batch, shape.windowLength, sizes)).flat();
  const stamps = times.length > 1 ? `${times[0]}…${times.at(-1)}` : String(times[0]);
  return {
    architecture: `transformer-mvts(layers=${layers}, dModel=${d}, feedForward=${feedForward}, dropout=${dropout}, normEmbedding=${normEmbedding}, times=${stamps}${dropoutDraws === 'packed' ? ', dropoutDraws=packed' : ''})`,
    shape,
    init(rng) {
      const layer = encoderLayerWeights(rng, 'layer', sizes);
      const params = new Map(
        Array.from({ length: layers }, (_, l) =>
          layer.map(([name, value]): [string, typeof value] => [name.replace(/^layer/, `layer${l}`), value]),
        ).flat(),
      );
      params.set('head.hidden.weight', uniform(rng, [d, d], d));
      params.set('head.hidden.bias', uniform(rng, [d], d));
      params.set('head.out.weight', uniform(rng, [d, shape.outputs], d));
      params.set('head.out.bias', uniform(rng, [shape.outputs], d));
      return params;
    },
    forward: (x, value) => classify(x, value, noDropout),
    training: {
      initBuffers: () => new Map(),
      draw: (rng, batch) =>
        new Map(
          sites(batch).map(([name, siteShape]) => [name, invertedDropoutMask(rng, siteShape, dropout, dropoutDraws)]),
        ),
      forward: (x, param, inputs) => ({
        outputs: classify(x, param, (value, site) => value.mul(inputs.drawn(site, value.shape))),
        statistics: {},
      }),
      update: (buffers) => new Map(buffers),
    },
  };
}
