import type { Rng, Tensor, Traced } from '../engine';
import { uniform } from '../models/training/networks';
import type { ValueLookup } from '../models/training/networks';
import {
  attentionWeights,
  encoderDropoutSites,
  encoderLayerWeights,
  filled,
  invertedDropoutMask,
  layerNorm,
  layerNormWeights,
  linear,
  PE_WIDTH,
  positionalEncoding,
  scaledDotProductAttention,
  splitPacked,
  timexEncoder,
  xavierUniform,
} from '../models/training/transformer-layers';
import type { Dropout, EncoderLayerSizes } from '../models/training/transformer-layers';
import type { IbSettings } from './ib-params';

/**
 * The policy p_φ(M | X) = ∏ Bern(π) of the gradient-free IB explainer (ib-gradient-free.md §2.1):
 * TimeX++'s mask generator (timexpp.md §2.4–2.5) without Ψ and the distribution heads. A context
 * encoder h (a TransformerMVTS encoder over [PE, X]) feeds, as memory, two standard post-norm
 * decoder layers over [X, PE], and a head gives π per time step: a 2-logit softmax for one
 * channel, a sigmoid per channel for several (or one shared by the channels at 'time'
 * granularity). π is clamped to [1e-5, 1 − 1e-5].
 */

/** What fixes the policy's parameter shapes. */
export interface PolicyArchitecture {
  readonly time: number;
  readonly features: number;
  readonly settings: Pick<IbSettings, 'granularity' | 'encoderLayers' | 'encoderFeedForward' | 'encoderDropout'>;
}

const DECODER = { layers: 2, feedForward: 32, dropout: 0.1 };
const CLAMP = 1e-5;
/** timexpp.md §2.5: the head's bias starts at 0.01. */
const HEAD_BIAS = 0.01;

/** D′: the mask's channel width, D for 'cell' masks and 1 for 'time' masks. */
export function maskChannels(arch: PolicyArchitecture): number {
  return arch.settings.granularity === 'time' ? 1 : arch.features;
}

/** The head's outputs per time step: 2 logits for one mask channel of a univariate input, else one per mask channel. */
function headWidth(arch: PolicyArchitecture): number {
  return arch.features === 1 ? 2 : maskChannels(arch);
}

function sizes(arch: PolicyArchitecture): { encoder: EncoderLayerSizes; model: number } {
  const model = arch.features + PE_WIDTH;
  return { encoder: { model, feedForward: arch.settings.encoderFeedForward }, model };
}

/** Seeded initial parameters (PyTorch's defaults; each stack's layers start equal, as nn.Transformer* deep-copies one). */
export function initPolicy(arch: PolicyArchitecture, rng: Rng): Map<string, Tensor> {
  const { encoder, model: d } = sizes(arch);
  const params = new Map<string, Tensor>();
  const encoderLayer = encoderLayerWeights(rng, 'layer', encoder);
  for (let l = 0; l < arch.settings.encoderLayers; l++) {
    for (const [name, value] of encoderLayer) params.set(`encoder.${name.replace(/^layer/, `layer${l}`)}`, value);
  }
  const decoderLayer: [string, Tensor][] = [
    ...attentionWeights(rng, 'selfAttention', d),
    ...attentionWeights(rng, 'crossAttention', d),
    ['ff1.weight', uniform(rng, [d, DECODER.feedForward], d)],
    ['ff1.bias', uniform(rng, [DECODER.feedForward], d)],
    ['ff2.weight', uniform(rng, [DECODER.feedForward, d], DECODER.feedForward)],
    ['ff2.bias', uniform(rng, [d], DECODER.feedForward)],
    ...layerNormWeights('norm1', d),
    ...layerNormWeights('norm2', d),
    ...layerNormWeights('norm3', d),
  ];
  for (let l = 0; l < DECODER.layers; l++) {
    for (const [name, value] of decoderLayer) params.set(`decoder.layer${l}.${name}`, value);
  }
  params.set('head.weight', xavierUniform(rng, d, headWidth(arch)));
  params.set('head.bias', filled(headWidth(arch), HEAD_BIAS));
  return params;
}

/** The policy's dropout sites with their shapes and rates, for `batch` windows. */
export function policyDropoutSites(
  arch: PolicyArchitecture,
  batch: number,
): { name: string; shape: number[]; rate: number }[] {
  const { encoder, model: d } = sizes(arch);
  const { time } = arch;
  const encoderSites = Array.from({ length: arch.settings.encoderLayers }, (_, l) =>
    encoderDropoutSites(`layer${l}`, batch, time, encoder),
  )
    .flat()
    .map(([name, shape]) => ({ name, shape, rate: arch.settings.encoderDropout }));
  const decoderSites = Array.from({ length: DECODER.layers }, (_, l) =>
    (
      [
        ['selfAttention', [batch, time, time]],
        ['selfAttentionOut', [batch, time, d]],
        ['crossAttention', [batch, time, time]],
        ['crossAttentionOut', [batch, time, d]],
        ['ffHidden', [batch, time, DECODER.feedForward]],
        ['ffOut', [batch, time, d]],
      ] as const
    ).map(([site, shape]) => ({ name: `decoder.layer${l}.dropout.${site}`, shape: [...shape], rate: DECODER.dropout })),
  ).flat();
  return [...encoderSites, ...decoderSites].filter((site) => site.rate > 0);
}

/** One step's inverted-dropout masks, by site. */
export function drawPolicyDropout(arch: PolicyArchitecture, rng: Rng, batch: number): Map<string, Tensor> {
  return new Map(policyDropoutSites(arch, batch).map((s) => [s.name, invertedDropoutMask(rng, s.shape, s.rate)]));
}

/** Dropout that multiplies by the masks fed as graph inputs (sites without dropout pass through). */
export function fedDropout(arch: PolicyArchitecture, batch: number): Dropout {
  const shapes = new Map(policyDropoutSites(arch, batch).map((s) => [s.name, s.shape]));
  return (value, site) => {
    const shape = shapes.get(site);
    return shape ? value.mul(value.tracer.input(site, 'float32', shape)) : value;
  };
}

/** π [B, T, D′] for windows x [B, T, D]. */
export function policyProbabilities(x: Traced, value: ValueLookup, arch: PolicyArchitecture, dropout: Dropout): Traced {
  const g = x.tracer;
  const peTensor = positionalEncoding(
    Array.from({ length: arch.time }, (_, t) => t + 1),
    arch.time,
  );
  const pe = g.constant(peTensor);
  const memory = timexEncoder(x, pe, (name) => value(`encoder.${name}`), arch.settings.encoderLayers, dropout);
  // The decoder's target is [X, PE]: values first, the reverse of the encoder's order. Built as
  // [X, 0] + [0, PE] (exact) rather than a concat with PE expanded to the batch, so the graph has
  // no batch-sized shape and an exported policy takes any batch.
  let u = x.pad([0, 0, 0, 0, 0, PE_WIDTH]).add(pe.pad([0, arch.features, 0, 0]));
  for (let l = 0; l < DECODER.layers; l++) u = decoderLayer(u, memory, value, `decoder.layer${l}`, dropout);
  const head = linear(u, value, 'head');
  const pi = arch.features === 1 ? head.softmax(-1).slice([1], [2], [2]) : head.sigmoid();
  return pi.clip(CLAMP, 1 - CLAMP);
}

/** PyTorch's TransformerDecoderLayer (post-norm, ReLU, one head): self-attention, cross-attention to `memory`, feed-forward. */
function decoderLayer(u: Traced, memory: Traced, value: ValueLookup, prefix: string, dropout: Dropout): Traced {
  const d = u.shape[2] ?? 0;
  const site = (name: string): string => `${prefix}.dropout.${name}`;
  const [q, k, v] = splitPacked(linear(u, value, `${prefix}.selfAttention.inProj`));
  const self = linear(
    scaledDotProductAttention(q, k, v, dropout, site('selfAttention')),
    value,
    `${prefix}.selfAttention.outProj`,
  );
  let out = layerNorm(u.add(dropout(self, site('selfAttentionOut'))), value, `${prefix}.norm1`);
  // The packed cross-attention projection: queries from the decoder, keys and values from the memory.
  const weight = value(`${prefix}.crossAttention.inProj.weight`);
  const bias = value(`${prefix}.crossAttention.inProj.bias`);
  const cq = out.matmul(weight.slice([0], [d], [1])).add(bias.slice([0], [d], [0]));
  const kv = memory.matmul(weight.slice([d], [3 * d], [1])).add(bias.slice([d], [3 * d], [0]));
  const [ck, cv] = u.tracer.split(kv, [d, d], 2);
  const cross = linear(
    scaledDotProductAttention(cq, ck as Traced, cv as Traced, dropout, site('crossAttention')),
    value,
    `${prefix}.crossAttention.outProj`,
  );
  out = layerNorm(out.add(dropout(cross, site('crossAttentionOut'))), value, `${prefix}.norm2`);
  const hidden = dropout(linear(out, value, `${prefix}.ff1`).relu(), site('ffHidden'));
  const ff = dropout(linear(hidden, value, `${prefix}.ff2`), site('ffOut'));
  return layerNorm(out.add(ff), value, `${prefix}.norm3`);
}
