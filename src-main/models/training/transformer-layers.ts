import { tensor } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import type { Rng } from '../../engine/program';
import type { Traced } from '../../engine/trace';
import { uniform } from './networks';
import type { ValueLookup } from './networks';

/**
 * The pieces of TimeX++'s transformers (timexpp.md §2.2, §2.3): its positional encoding, single-head
 * attention with packed Q/K/V projections, and its encoder layer without a residual around
 * attention. Weights are stored [in, out] (x · W), i.e. PyTorch's Linear weights transposed; the
 * packed in-projection's columns are [Q | K | V].
 */

/** Width of the positional encoding (timexpp.md §0: d_pe = 16). */
export const PE_WIDTH = 16;
const LAYER_NORM_EPSILON = 1e-5;

/**
 * Where dropout may apply: `site` names the tensor (e.g. `layer0.dropout.attention`). Training
 * multiplies by a drawn inverted-dropout mask of the value's shape; inference is the identity.
 */
export type Dropout = (value: Traced, site: string) => Traced;

export const noDropout: Dropout = (value) => value;

/**
 * PE(t) = [sin(t/τ_0) … sin(t/τ_7), cos(t/τ_0) … cos(t/τ_7)] with τ_k = maxLen^{k/7}, for each time
 * stamp: [T, 16], computed in float64 and then rounded once.
 */
export function positionalEncoding(times: ArrayLike<number>, maxLen: number): Tensor {
  const half = PE_WIDTH / 2;
  const out = new Float32Array(times.length * PE_WIDTH);
  for (let t = 0; t < times.length; t++) {
    for (let k = 0; k < half; k++) {
      const angle = (times[t] ?? 0) / maxLen ** (k / (half - 1));
      out[t * PE_WIDTH + k] = Math.sin(angle);
      out[t * PE_WIDTH + half + k] = Math.cos(angle);
    }
  }
  return tensor('float32', [times.length, PE_WIDTH], out);
}

/** x · W + b for [.., in] values. */
export function linear(x: Traced, value: ValueLookup, prefix: string): Traced {
  return x.matmul(value(`${prefix}.weight`)).add(value(`${prefix}.bias`));
}

/** softmax(Q Kᵀ/√d) V for [B, T, d] queries and [B, S, d] keys and values, the probabilities through dropout. */
export function scaledDotProductAttention(q: Traced, k: Traced, v: Traced, dropout: Dropout, site: string): Traced {
  const width = q.shape[2] ?? 1;
  const probabilities = q
    .matmul(k.transpose([0, 2, 1]))
    .mul(1 / Math.sqrt(width))
    .softmax(-1);
  return dropout(probabilities, site).matmul(v);
}

/** Splits packed [B, T, 3d] projections into Q, K and V. */
export function splitPacked(qkv: Traced): [Traced, Traced, Traced] {
  const width = (qkv.shape[2] ?? 0) / 3;
  const [q, k, v] = qkv.tracer.split(qkv, [width, width, width], 2);
  return [q as Traced, k as Traced, v as Traced];
}

export interface EncoderLayerSizes {
  readonly model: number;
  readonly feedForward: number;
}

/**
 * TimeX++'s encoder layer (§2.3) from the packed Q/K/V projections of its input, [B, T, 3d]:
 * A = Drop(MHA), H = LN₁(A) (no residual around attention), out = LN₂(H + Drop(W₂ Drop(ReLU(W₁H)))).
 */
export function encoderLayerFromProjections(qkv: Traced, value: ValueLookup, prefix: string, dropout: Dropout): Traced {
  const [q, k, v] = splitPacked(qkv);
  const attended = linear(
    scaledDotProductAttention(q, k, v, dropout, `${prefix}.dropout.attention`),
    value,
    `${prefix}.attention.outProj`,
  );
  const h = layerNorm(dropout(attended, `${prefix}.dropout.attentionOut`), value, `${prefix}.norm1`);
  const hidden = dropout(linear(h, value, `${prefix}.ff1`).relu(), `${prefix}.dropout.ffHidden`);
  const ff = dropout(linear(hidden, value, `${prefix}.ff2`), `${prefix}.dropout.ffOut`);
  return layerNorm(h.add(ff), value, `${prefix}.norm2`);
}

/** The encoder layer on its input [B, T, d]. */
export function encoderLayer(z: Traced, value: ValueLookup, prefix: string, dropout: Dropout): Traced {
  return encoderLayerFromProjections(linear(z, value, `${prefix}.attention.inProj`), value, prefix, dropout);
}

/**
 * L encoder layers over Z⁰ = concat(PE(t), X) (§2.4), without building Z⁰: its packed projection is
 * PE · W[:16] + X · W[16:] + b, which keeps the graph free of batch-sized shapes (an exported model
 * takes any batch). `pe` is [T, 16]; returns Z^L [B, T, 16 + D].
 */
export function timexEncoder(x: Traced, pe: Traced, value: ValueLookup, layers: number, dropout: Dropout): Traced {
  const first = value('layer0.attention.inProj.weight');
  const projected = pe
    .matmul(first.slice([0], [PE_WIDTH], [0]))
    .add(x.matmul(first.slice([PE_WIDTH], [first.shape[0] ?? 0], [0])))
    .add(value('layer0.attention.inProj.bias'));
  let z = encoderLayerFromProjections(projected, value, 'layer0', dropout);
  for (let l = 1; l < layers; l++) z = encoderLayer(z, value, `layer${l}`, dropout);
  return z;
}

export function layerNorm(x: Traced, value: ValueLookup, prefix: string): Traced {
  return x.layerNorm(value(`${prefix}.scale`), value(`${prefix}.bias`), { axis: -1, epsilon: LAYER_NORM_EPSILON });
}

/** The dropout sites of one encoder layer and their shapes, for a batch of `batch` windows of `time` steps. */
export function encoderDropoutSites(
  prefix: string,
  batch: number,
  time: number,
  sizes: EncoderLayerSizes,
): [string, number[]][] {
  return [
    [`${prefix}.dropout.attention`, [batch, time, time]],
    [`${prefix}.dropout.attentionOut`, [batch, time, sizes.model]],
    [`${prefix}.dropout.ffHidden`, [batch, time, sizes.feedForward]],
    [`${prefix}.dropout.ffOut`, [batch, time, sizes.model]],
  ];
}

/** How dropout masks are drawn: a 53-bit value per entry, or Rng.bernoulliPacked's few bits (rates that are multiples of 2^-16). */
export type DropoutDraws = 'per-value' | 'packed';

/** An inverted-dropout mask: 0 with probability `rate`, else 1 / (1 − rate). */
export function invertedDropoutMask(
  rng: Rng,
  shape: readonly number[],
  rate: number,
  draws: DropoutDraws = 'per-value',
): Tensor {
  const options = { one: 1 / (1 - rate) };
  return draws === 'packed' ? rng.bernoulliPacked(shape, 1 - rate, options) : rng.bernoulli(shape, 1 - rate, options);
}

/**
 * One encoder layer's weights initialised as PyTorch does: Xavier-uniform packed in-projection
 * with zero bias, out-projection U(±1/√d) with zero bias, feed-forward Linear defaults, LayerNorm
 * 1 and 0.
 */
export function encoderLayerWeights(rng: Rng, prefix: string, sizes: EncoderLayerSizes): [string, Tensor][] {
  const { model: d, feedForward: ff } = sizes;
  return [
    ...attentionWeights(rng, `${prefix}.attention`, d),
    [`${prefix}.ff1.weight`, uniform(rng, [d, ff], d)],
    [`${prefix}.ff1.bias`, uniform(rng, [ff], d)],
    [`${prefix}.ff2.weight`, uniform(rng, [ff, d], ff)],
    [`${prefix}.ff2.bias`, uniform(rng, [d], ff)],
    ...layerNormWeights(`${prefix}.norm1`, d),
    ...layerNormWeights(`${prefix}.norm2`, d),
  ];
}

/** nn.MultiheadAttention's initial weights: Xavier-uniform in-projection, zero biases, out-projection Linear's default. */
export function attentionWeights(rng: Rng, prefix: string, d: number): [string, Tensor][] {
  return [
    [`${prefix}.inProj.weight`, xavierUniform(rng, d, 3 * d)],
    [`${prefix}.inProj.bias`, filled(3 * d, 0)],
    [`${prefix}.outProj.weight`, uniform(rng, [d, d], d)],
    [`${prefix}.outProj.bias`, filled(d, 0)],
  ];
}

export function layerNormWeights(prefix: string, d: number): [string, Tensor][] {
  return [
    [`${prefix}.scale`, filled(d, 1)],
    [`${prefix}.bias`, filled(d, 0)],
  ];
}

/** Xavier-uniform [fanIn, fanOut]: U(±√(6 / (fanIn + fanOut))). */
export function xavierUniform(rng: Rng, fanIn: number, fanOut: number): Tensor {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  return rng.uniform([fanIn, fanOut], { low: -bound, high: bound });
}

export function filled(length: number, value: number): Tensor {
  return tensor('float32', [length], new Float32Array(length).fill(value));
}
