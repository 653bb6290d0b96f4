import type { BenchmarkName } from '../datasets/benchmarks';
import type { Ablation } from '../explain/timexpp';

/** The methods the benchmark runs, by their explainer-registry names (the papers' FO, AFO, IG, …). */
export const BENCH_METHODS = [
  'fo',
  'afo',
  'integrated-gradients',
  'gradient-shap',
  'deeplift',
  'dynamask',
  'extrmask',
  'contralsp',
  'occlusion',
  'timexpp',
  'timexpp-without-ste',
  'timexpp-without-label-consistency',
  'timexpp-without-kl',
  'timexpp-without-reference',
  'timexpp-without-connectivity',
  'timex',
] as const;
export type BenchMethod = (typeof BENCH_METHODS)[number];

/** The papers' row names. */
export const PAPER_NAMES: Readonly<Record<BenchMethod, string>> = {
  fo: 'FO',
  afo: 'AFO',
  'integrated-gradients': 'IG',
  'gradient-shap': 'GradSHAP',
  deeplift: 'DeepLIFT',
  dynamask: 'Dynamask',
  extrmask: 'ExtrMask',
  contralsp: 'ContraLSP',
  occlusion: 'Occlusion',
  timexpp: 'TimeX++',
  'timexpp-without-ste': 'TimeX++ w/o STE',
  'timexpp-without-label-consistency': 'TimeX++ w/o L_LC',
  'timexpp-without-kl': 'TimeX++ w/o L_KL',
  'timexpp-without-reference': 'TimeX++ w/o L_dr',
  'timexpp-without-connectivity': 'TimeX++ w/o L_con',
  timex: 'TimeX',
};

/**
 * How a paper's experiment ran one method on one dataset.
 * - `scope`: 'rows' methods explain each row on its own (so on a white box they run one group
 *   of rows at a time); 'set' methods optimise over the whole explained set at once.
 * - `view`: which face of a per-time classifier the method calls: its last step (everything tint
 *   wraps in TimeForwardTunnel, i.e. `forward(x)` without return_all) or all steps (the masks).
 * - `tunnel`: wrap the explainer in the time-forward tunnel (FO and AFO have theirs built in).
 * - `reference`: the rows behind baselines and draws: the training rows (the explained set
 *   itself for the white boxes), or GradientSHAP's baselines, zeros and the explained rows.
 * - `post`: `.abs()` as the scripts end; 'abs-normalised' also min–max normalises each sample
 *   ((a − min)/(max − min + 1e-7), Dynamask's `normalize`), which Table 1's FO/AFO/IG rows need:
 *   its AUP/AUR take the raw scores, and AUR ≈ 0.13 is the mean salient score of |x²| maps scaled
 *   per sample (≈ 0.06 scaled over the whole set, ≈ 1.06 unscaled).
 */
export interface MethodSetting {
  readonly explainer: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly scope: 'rows' | 'set';
  readonly view?: 'last-step' | 'per-time';
  readonly tunnel?: boolean;
  readonly reference?: 'train' | 'zero-and-explained';
  readonly post?: 'abs' | 'abs-normalised';
}

type Settings = Readonly<Partial<Record<BenchMethod, MethodSetting>>>;

/**
 * Table 1 (the Rare sets, white boxes). FO, AFO and IG: single-cell occlusion with the set's
 * mean, the same with cells drawn from the set (tint's AugmentedOcclusion, one draw), and IG
 * from 0, all |·| and normalised per sample; the masks take their `rare` presets (spec §1.4,
 * §2.7, §3.2; ExtrMask's Rare-Observation run used batches of 50).
 */
function rareSettings(dataset: BenchmarkName): Settings {
  const cells = { window: [1, 1], strides: [1, 1], attributionsFn: 'abs' };
  return {
    fo: {
      explainer: 'occlusion',
      params: { ...cells, baseline: 'mean' },
      scope: 'rows',
      reference: 'train',
      post: 'abs-normalised',
    },
    afo: {
      explainer: 'occlusion',
      params: { ...cells, baseline: 'sampled', nSampling: 1 },
      scope: 'rows',
      reference: 'train',
      post: 'abs-normalised',
    },
    'integrated-gradients': {
      explainer: 'integrated-gradients',
      params: { baseline: 'zero' },
      scope: 'rows',
      post: 'abs-normalised',
    },
    // The batched Dynamask sums per-sample losses and Adam is elementwise: each row is fitted on its own.
    dynamask: { explainer: 'dynamask', params: { preset: 'rare' }, scope: 'rows' },
    extrmask: {
      explainer: 'extrmask',
      params: { preset: dataset === 'rare-observation' ? 'rare-observation' : 'rare' },
      scope: 'set',
    },
    contralsp: { explainer: 'contralsp', params: { preset: 'rare' }, scope: 'set' },
  };
}

/**
 * Table 2 (State and Switch-Feature), as ContraLSP's hmm/main.py and switchstate/main.py call
 * them: FO, AFO, IG, GradientSHAP and DeepLift through TimeForwardTunnel with task "binary" on
 * the classifier's last step, then |·|; the masks on all T steps' logits with their presets.
 * Dynamask runs in tint's Lightning-2 mode (spec P8/P9): that is what produced the table's rows.
 */
function classifierSettings(preset: 'state' | 'switch'): Settings {
  const lastStep = { scope: 'rows', view: 'last-step', post: 'abs' } as const;
  const perTime = { scope: 'set', view: 'per-time' } as const;
  return {
    fo: { ...lastStep, explainer: 'fo', params: { baseline: 'mean' }, reference: 'train' },
    afo: { ...lastStep, explainer: 'afo', params: { nSampling: 10 }, reference: 'train' },
    'integrated-gradients': {
      ...lastStep,
      explainer: 'integrated-gradients',
      params: { baseline: 'zero', internalBatchSize: 200 },
      tunnel: true,
    },
    'gradient-shap': {
      ...lastStep,
      explainer: 'gradient-shap',
      params: { nSamples: 50, stdevs: 0.0001 },
      tunnel: true,
      reference: 'zero-and-explained',
    },
    deeplift: { ...lastStep, explainer: 'deeplift', params: { baseline: 'zero' }, tunnel: true },
    dynamask: { ...perTime, explainer: 'dynamask', params: { preset, compatTintPl2: true } },
    extrmask: { ...perTime, explainer: 'extrmask', params: { preset } },
    contralsp: { ...perTime, explainer: 'contralsp', params: { preset } },
  };
}

/**
 * ecg-synth (ours, no paper table): the shipped beat CNN gives [B, K] logits of a whole window, so
 * both views are the model itself and every method explains the predicted class. The attribution
 * methods as on State, then |·| (the metrics min–max normalise each sample); occlusion slides a
 * 50 ms window (18 samples, half overlapping) along each lead, replaced by 0 (after the card's
 * preprocessing, the window's own level). Dynamask and ExtrMask take their `mimic` presets (MIMIC-III
 * mortality is the papers' one window classifier with [B, K] outputs); ContraLSP its `state` preset (MSE
 * on logits), picked over `mimic` (at chance here) on tuning seeds 100–105, outside the runs' seeds.
 * TimeX++ is fitted on the training split's beats with its ECG recipe (timexpp.md §2.9) and explains
 * the test beats in one pass; TimeX likewise with its ECG recipe (§8), through the input mask
 * (the CNN has no attention).
 */
function ecgSettings(): Settings {
  const attribution = { scope: 'rows', view: 'last-step', post: 'abs' } as const;
  const mask = { scope: 'set', view: 'per-time' } as const;
  return {
    'integrated-gradients': {
      ...attribution,
      explainer: 'integrated-gradients',
      params: { baseline: 'zero', internalBatchSize: 200 },
    },
    'gradient-shap': {
      ...attribution,
      explainer: 'gradient-shap',
      params: { nSamples: 50, stdevs: 0.0001 },
      reference: 'train',
    },
    occlusion: {
      ...attribution,
      explainer: 'occlusion',
      params: { window: [18, 1], strides: [9, 1], baseline: 'zero' },
    },
    dynamask: { ...mask, explainer: 'dynamask', params: { preset: 'mimic' } },
    extrmask: { ...mask, explainer: 'extrmask', params: { preset: 'mimic' } },
    contralsp: { ...mask, explainer: 'contralsp', params: { preset: 'state' } },
    // Table 3's ablations are reported on ECG (timexpp.md §11.1).
    timexpp: timexppFit('ecg'),
    'timexpp-without-ste': timexppFit('ecg', 'ste'),
    'timexpp-without-label-consistency': timexppFit('ecg', 'label-consistency'),
    'timexpp-without-kl': timexppFit('ecg', 'kl'),
    'timexpp-without-reference': timexppFit('ecg', 'reference'),
    'timexpp-without-connectivity': timexppFit('ecg', 'connectivity'),
    timex: timexFit('ecg'),
  };
}

/** TimeX fitted on the training rows with a dataset's recipe (§8; 2 % of them held out for selection). */
function timexFit(preset: TimexPreset | 'ecg'): MethodSetting {
  return { explainer: 'timex', params: { preset }, scope: 'set', reference: 'train' };
}

/** TimeX++ fitted on the training rows with a dataset's recipe, optionally without one loss term. */
function timexppFit(preset: TimexPreset | 'ecg', without?: Ablation): MethodSetting {
  const params = without ? { preset, without: [without] } : { preset };
  return { explainer: 'timexpp', params, scope: 'set', reference: 'train' };
}

/**
 * TimeX++'s synthetic sets (timexpp.md §2.9, §7): the explainer is fitted on the split's training
 * windows (the reference) with the dataset's recipe, then explains the test windows; π is the map.
 */
type TimexPreset = 'freqshapes' | 'seqcomb-uv' | 'seqcomb-mv' | 'lowvar';

function timexSettings(preset: TimexPreset): Settings {
  return { timexpp: timexppFit(preset), timex: timexFit(preset) };
}

/** The methods a dataset has a setting for. */
export function methodSettings(dataset: BenchmarkName): Settings {
  if (dataset.startsWith('rare-')) return rareSettings(dataset);
  if (dataset === 'state') return classifierSettings('state');
  if (dataset === 'switch-feature') return classifierSettings('switch');
  if (dataset === 'ecg-synth') return ecgSettings();
  if (dataset === 'freqshapes' || dataset === 'seqcomb-uv' || dataset === 'seqcomb-mv' || dataset === 'lowvar') {
    return timexSettings(dataset);
  }
  return {};
}
