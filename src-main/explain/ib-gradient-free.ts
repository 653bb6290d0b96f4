import { Program, tensor, Tracer, TrainingStep } from '../engine';
import type { Feed, Tensor, Traced } from '../engine';
import { AppError } from '../errors';
import { forward } from './black-box';
import type { BlackBox } from './black-box';
import type { CancelCheck, ExplainProgress, Explainer, ExplainRequest, Explanation } from './explainer';
import { defineExplainer } from './explainer';
import { ibGradientFreeParams, resolveIbSettings } from './ib-params';
import type { IbGradientFreeParams, IbSettings } from './ib-params';
import { drawPolicyDropout, fedDropout, initPolicy, maskChannels, policyProbabilities } from './ib-policy';
import type { PolicyArchitecture } from './ib-policy';
import { fillBaseline, referenceStatistics, sampleMasks } from './ib-perturbation';
import { outputProbabilities, reward, rlooAdvantages } from './ib-reward';
import { shuffle } from '../models/training/seeded-order';
import { noDropout } from '../models/training/transformer-layers';
import { bernoulliPriorKl, connectivity } from './timexpp/losses';
import { streamRng } from './random-source';
import { referenceRows, windowShape } from './window-inputs';
import { explainAmortised, fitOnce } from './amortised';
import type { AmortisedMethod } from './amortised';
import type { WindowShape } from './window-inputs';

/**
 * The gradient-free information-bottleneck explainer (IBProtector's RL extractor adapted to time
 * series, ib-gradient-free.md): a policy network p_φ(M | X) = ∏ Bern(π) learns, from forward
 * passes of the black box only, which cells of a window keep its output distribution when the
 * others are replaced by a baseline. The policy is trained by the engine on its own graph; the
 * black box enters only as rewards (constants) computed from ONNX Runtime outputs, so any model
 * works, including ones the engine cannot differentiate. After `fitIbPolicy` (once per model and
 * training set), explaining a window is one policy forward: the map is π.
 */

const METHOD = 'ib-gradient-free';
const MASKS = 'ib.masks';
const ADVANTAGES = 'ib.advantages';
/** Rows per read-out program run (keeps the attention tensors small for large batches). */
const READ_OUT_ROWS = 256;
/** Separate seeded streams (§5 "Seeding"): initial weights, visiting order, masks, baseline noise, dropout. */
const STREAMS = { init: 0, order: 1, masks: 2, noise: 3, dropout: 4 } as const;

/** A policy's parameters with what fixes their shapes; `fit` is set when it was trained. */
export interface IbPolicy {
  readonly architecture: PolicyArchitecture;
  readonly settings: IbSettings;
  readonly seed: number;
  readonly values: ReadonlyMap<string, Tensor>;
  readonly fit?: IbFitReport;
}

/** The §4.3 sanity numbers of one epoch (means over its steps). */
export interface IbEpochLog {
  readonly epoch: number;
  readonly meanReward: number;
  readonly meanPi: number;
  /** Mean of the drawn masks: the fraction of cells kept. */
  readonly maskDensity: number;
  /** Mean over inputs of the std of π over the input's cells. */
  readonly piStd: number;
}

export interface IbFitReport {
  readonly epochs: readonly IbEpochLog[];
  readonly steps: number;
  /** Rows the black box was run on: N clean rows once, B·K per step, and 2·B for the reference rewards. */
  readonly forwardRows: number;
  /** §2.2 check on the first batch before training: mean R with every cell kept (≈ 0) and with none (≪ 0). */
  readonly referenceRewards: { readonly allKept: number; readonly allBaseline: number };
  readonly finalLosses: Readonly<Record<string, number>>;
}

export interface IbFitOptions {
  readonly seed: number;
  readonly onProgress?: (progress: ExplainProgress) => void;
  readonly cancel?: CancelCheck;
}

/** A freshly initialised policy for windows [T, D] (the "untrained policy" row of §4.1). */
export function untrainedIbPolicy(
  shape: Pick<WindowShape, 'time' | 'features'>,
  params: unknown,
  seed: number,
): IbPolicy {
  const settings = resolveIbSettings(parseIbParams(params), shape.features);
  const architecture = { time: shape.time, features: shape.features, settings };
  return { architecture, settings, seed, values: initPolicy(architecture, streamRng(seed, STREAMS.init)) };
}

/**
 * Trains a policy on the rows of `reference` ([N, T, D], the training set) against the black box
 * (§2.5): per step, π for B rows (dropout on), K masks per row, one black-box call on the B·K
 * perturbed rows, −JSD rewards against the cached clean outputs, RLOO advantages, and one AdamW
 * step on L_PG + α(L_M + λ L_con). Each epoch visits ⌊N/B⌋ batches in a new seeded order (the
 * remainder waits for a later epoch). Cancellation is checked before every step.
 */
export async function fitIbPolicy(
  box: BlackBox,
  reference: Tensor,
  params: unknown,
  options: IbFitOptions,
): Promise<IbPolicy> {
  const shape = windowShape(reference);
  const initial = untrainedIbPolicy(shape, params, options.seed);
  const { settings, architecture: arch } = initial;
  const rows = referenceRows(reference, shape, METHOD);
  const frame = shape.time * shape.features;
  const batch = Math.min(settings.batchSize, shape.batch);
  const K = settings.masksPerInput;
  const width = maskChannels(arch);
  const stepsPerEpoch = Math.floor(shape.batch / batch);
  const steps = stepsPerEpoch * settings.epochs;
  const baseline = referenceStatistics(rows, shape);
  const rngs = {
    order: streamRng(options.seed, STREAMS.order),
    masks: streamRng(options.seed, STREAMS.masks),
    noise: streamRng(options.seed, STREAMS.noise),
    dropout: streamRng(options.seed, STREAMS.dropout),
  };
  const session = { intraOpThreads: 1 };

  let forwardRows = 0;
  const probabilities = async (x: Float32Array, count: number): Promise<Float64Array> => {
    forwardRows += count;
    const y = await forward(box, tensor('float32', [count, shape.time, shape.features], x));
    return outputProbabilities(box, y.data as Float32Array, count);
  };
  // The clean outputs q, once: the black box is frozen and deterministic.
  let clean = new Float64Array(0);
  for (let start = 0; start < shape.batch; start += batch * K) {
    const count = Math.min(batch * K, shape.batch - start);
    const p = await probabilities(rows.subarray(start * frame, (start + count) * frame), count);
    if (start === 0) clean = new Float64Array((p.length / count) * shape.batch);
    clean.set(p, (p.length / count) * start);
  }
  const classes = clean.length / shape.batch;
  const cleanRow = (n: number): Float64Array => clean.subarray(n * classes, (n + 1) * classes);
  const meanReward = (p: Float64Array, first: (i: number) => number, count: number): number => {
    let sum = 0;
    for (let i = 0; i < count; i++)
      sum += reward(settings.reward, p.subarray(i * classes, (i + 1) * classes), cleanRow(first(i)));
    return sum / count;
  };
  const firstRows = rows.subarray(0, batch * frame);
  const baselineRows = new Float32Array(batch * frame);
  for (let i = 0; i < batch; i++) fillBaseline(baselineRows, i * frame, baseline, settings.baseline, rngs.noise);
  const referenceRewards = {
    allKept: meanReward(await probabilities(firstRows, batch), (i) => i, batch),
    allBaseline: meanReward(await probabilities(baselineRows, batch), (i) => i, batch),
  };

  const loss = traceLoss(arch, settings, batch, initial.values);
  const training = await TrainingStep.compile(
    {
      loss: loss.total,
      params: loss.params,
      optimizer: { kind: 'adam', lr: settings.lr, weightDecay: settings.weightDecay, decoupled: true },
      outputs: loss.terms,
    },
    session,
  );
  const names = [...initial.values.keys()];
  const current = (): Map<string, Tensor> => new Map(names.map((name) => [name, training.value(name)]));
  const sampling = await Program.compile({ pi: tracePolicy(arch, batch, initial.values, 'fed').pi }, session);

  const order = Int32Array.from({ length: shape.batch }, (_, i) => i);
  const epochs: IbEpochLog[] = [];
  let finalLosses: Record<string, number> = {};
  let step = 0;
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    shuffle(order, rngs.order);
    const sums = { reward: 0, pi: 0, density: 0, std: 0 };
    for (let s = 0; s < stepsPerEpoch; s++) {
      options.cancel?.throwIfCancelled();
      const chosen = order.subarray(s * batch, (s + 1) * batch);
      const x = new Float32Array(batch * frame);
      chosen.forEach((n, i) => x.set(rows.subarray(n * frame, (n + 1) * frame), i * frame));
      const xTensor = tensor('float32', [batch, shape.time, shape.features], x);
      const dropout = Object.fromEntries(drawPolicyDropout(arch, rngs.dropout, batch));
      const { pi: piTensor } = await sampling.run({ x: xTensor, ...dropout, ...Object.fromEntries(current()) });
      const pi = piTensor?.data as Float32Array;
      const { masks, perturbed } = sampleMasks(
        { x, pi, shape: { batch, time: shape.time, features: shape.features }, width, masksPerInput: K },
        baseline,
        settings.baseline,
        rngs,
      );
      const p = await probabilities(perturbed, batch * K);
      const rewards = new Float64Array(batch * K);
      for (let row = 0; row < batch * K; row++) {
        rewards[row] = reward(
          settings.reward,
          p.subarray(row * classes, (row + 1) * classes),
          cleanRow(chosen[Math.floor(row / K)] ?? 0),
        );
      }
      const feeds: Record<string, Feed> = {
        x: xTensor,
        ...dropout,
        [MASKS]: tensor('float32', [batch, K, shape.time, width], masks),
        [ADVANTAGES]: tensor('float32', [batch, K], rlooAdvantages(rewards, K)),
      };
      const result = await training.step(feeds);
      step++;
      sums.reward += mean(rewards);
      sums.pi += mean(pi);
      sums.density += mean(masks);
      sums.std += meanRowStd(pi, batch);
      finalLosses = { total: result.loss, ...scalars(result.outputs) };
      options.onProgress?.({ step, steps, phase: 'training the policy', loss: result.loss });
    }
    const per = Math.max(1, stepsPerEpoch);
    epochs.push({
      epoch,
      meanReward: sums.reward / per,
      meanPi: sums.pi / per,
      maskDensity: sums.density / per,
      piStd: sums.std / per,
    });
  }
  return {
    ...initial,
    values: current(),
    fit: { epochs, steps: step, forwardRows, referenceRewards, finalLosses },
  };
}

/** The saliency maps of windows x [N, T, D]: π of the policy in eval mode (no dropout), no black-box call. */
export async function policyMaps(policy: IbPolicy, x: Tensor): Promise<Tensor> {
  const shape = windowShape(x);
  const { time, features } = policy.architecture;
  if (shape.time !== time || shape.features !== features) {
    throw new AppError(
      'invalid-request',
      `x: the policy was fitted on [N, ${time}, ${features}] windows, got [${shape.batch}, ${shape.time}, ${shape.features}]`,
    );
  }
  const frame = time * features;
  const width = maskChannels(policy.architecture);
  const data = x.data as Float32Array;
  const programs = new Map<number, Promise<Program>>();
  const program = (rows: number): Promise<Program> => {
    let made = programs.get(rows);
    if (!made) {
      made = Program.compile({ pi: tracePolicy(policy.architecture, rows, policy.values, 'none').pi });
      programs.set(rows, made);
    }
    return made;
  };
  const out = new Float32Array(shape.batch * frame);
  for (let start = 0; start < shape.batch; start += READ_OUT_ROWS) {
    const count = Math.min(READ_OUT_ROWS, shape.batch - start);
    const chunk = tensor('float32', [count, time, features], data.slice(start * frame, (start + count) * frame));
    const { pi } = await (await program(count)).run({ x: chunk, ...Object.fromEntries(policy.values) });
    const values = pi?.data as Float32Array;
    // A 'time' mask (one value per step) covers every channel of the step.
    for (let j = 0; j < count * frame; j++) {
      const cell = Math.floor(j / features) * width + (width === 1 ? 0 : j % features);
      out[start * frame + j] = values[cell] ?? 0;
    }
  }
  return tensor('float32', [shape.batch, time, features], out);
}

export function parseIbParams(raw: unknown): IbGradientFreeParams {
  return ibGradientFree.parseParams(raw) as IbGradientFreeParams;
}

/**
 * The explainer for a fitted policy: explaining is one policy forward. Without one, each request
 * fits a policy on `request.reference` (the training windows; absent, on the explained windows
 * themselves, transductively) and keeps it for later requests with the same model, reference,
 * parameters and seed.
 */
export function ibGradientFreeExplainer(policy?: IbPolicy): Explainer {
  return defineExplainer({
    name: METHOD,
    title: 'IB gradient-free (policy-gradient masks)',
    needsGradients: false,
    params: ibGradientFreeParams,
    explain: (request) => explainWithPolicy(request, policy),
  });
}

export const ibGradientFree = ibGradientFreeExplainer();

/** The IB policy as an amortised method: fitted once per model, reference, parameters and seed (in process). */
export const ibAmortised: AmortisedMethod<IbGradientFreeParams, IbPolicy> = {
  method: METHOD,
  fitted: 'policy',
  fit: (r, reference) =>
    fitOnce(r.model, reference, JSON.stringify([METHOD, r.params, r.seed]), () =>
      fitIbPolicy(r.model, reference, r.params, r),
    ),
  maps: policyMaps,
  params: (policy) => policy.settings,
  diagnostics: (fit) => ({
    forwardRows: fit.forwardRows,
    rewardByEpoch: fit.epochs.map((e) => e.meanReward),
    meanPiByEpoch: fit.epochs.map((e) => e.meanPi),
    maskDensityByEpoch: fit.epochs.map((e) => e.maskDensity),
    piStdByEpoch: fit.epochs.map((e) => e.piStd),
    rewardAllKept: fit.referenceRewards.allKept,
    rewardAllBaseline: fit.referenceRewards.allBaseline,
  }),
  targetsNote:
    "the map keeps the model's whole output distribution (the reward compares it with the clean output); it does not depend on the targets",
};

function explainWithPolicy(
  request: ExplainRequest<IbGradientFreeParams>,
  given: IbPolicy | undefined,
): Promise<Explanation> {
  return explainAmortised(request, given, ibAmortised);
}

/** The policy's π for a batch of `batch` windows, with fed dropout masks (training) or none (read-out). */
function tracePolicy(
  arch: PolicyArchitecture,
  batch: number,
  init: ReadonlyMap<string, Tensor>,
  dropout: 'fed' | 'none',
): { pi: Traced; params: Traced[] } {
  const g = new Tracer();
  const x = g.input('x', 'float32', [batch, arch.time, arch.features]);
  const params = new Map([...init].map(([name, value]) => [name, g.param(name, value)]));
  const value = (name: string): Traced => {
    const found = params.get(name);
    if (!found) throw new AppError('internal', `the IB policy has no parameter '${name}'`);
    return found;
  };
  const pi = policyProbabilities(x, value, arch, dropout === 'fed' ? fedDropout(arch, batch) : noDropout);
  return { pi, params: [...params.values()] };
}

/**
 * The step's loss (§2.4): L_PG = −mean(Â·ℓ) with ℓ the per-element mean log-likelihood of the fed
 * masks, plus α(L_M + λ L_con) in TimeX++'s code forms (timexpp.md §2.7a–b).
 */
function traceLoss(
  arch: PolicyArchitecture,
  settings: IbSettings,
  batch: number,
  init: ReadonlyMap<string, Tensor>,
): { total: Traced; params: Traced[]; terms: Record<string, Traced> } {
  const { time } = arch;
  const { pi, params } = tracePolicy(arch, batch, init, 'fed');
  const g = pi.tracer;
  const width = maskChannels(arch);
  const masks = g.input(MASKS, 'float32', [batch, settings.masksPerInput, time, width]);
  const advantages = g.input(ADVANTAGES, 'float32', [batch, settings.masksPerInput]);
  const notPi = pi.neg().add(1);
  const logLikelihood = masks
    .mul(pi.log().unsqueeze([1]))
    .add(
      masks
        .neg()
        .add(1)
        .mul(notPi.log().unsqueeze([1])),
    )
    .reduceMean([2, 3]);
  const policyGradient = advantages.mul(logLikelihood).reduceMean().neg();
  const compactness = bernoulliPriorKl(pi, settings.r);
  const continuity = connectivity(pi);
  const total = policyGradient.add(compactness.add(continuity.mul(settings.lambda)).mul(settings.alpha));
  return { total, params, terms: { policyGradient, compactness, continuity } };
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / Math.max(1, values.length);
}

/** Mean over the `rows` rows of `values` of each row's population std. */
function meanRowStd(values: Float32Array, rows: number): number {
  const size = values.length / rows;
  let total = 0;
  for (let n = 0; n < rows; n++) {
    const row = values.subarray(n * size, (n + 1) * size);
    const m = mean(row);
    total += Math.sqrt(row.reduce((a, v) => a + (v - m) ** 2, 0) / size);
  }
  return total / rows;
}

function scalars(outputs: Readonly<Record<string, Tensor>>): Record<string, number> {
  return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, Number(value.data[0])]));
}
