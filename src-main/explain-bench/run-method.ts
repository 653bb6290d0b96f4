import { tensor } from '../engine';
import type { Tensor } from '../engine';
import type { BlackBox, Explainer } from '../explain';
import { findExplainer } from '../explain';
import { timeForward } from '../explain/time-forward-wrapper';
import { minMaxNormalize } from '../metrics';
import type { BenchBlackBox } from './black-boxes';
import { rowsOf, zeroAndExplained } from './bench-data';
import type { BenchData } from './bench-data';
import type { MethodSetting } from './method-settings';

/** Dynamask's `normalize`: (a − min) / (max − min + 1e-7). */
const NORMALISE_EPSILON = 1e-7;

/** The explainer a setting names, wrapped in the time-forward tunnel when the paper did. */
export function settingExplainer(setting: MethodSetting): Explainer {
  const explainer = findExplainer(setting.explainer);
  return setting.tunnel ? timeForward(explainer) : explainer;
}

/** A fitted explainer at the epoch it selected: `selectedEpoch`, and each per-epoch diagnostic's value there. */
export type FitSummary = Readonly<Record<string, number>>;

export interface MethodOutput {
  /** [n, T, F]. */
  readonly saliency: Tensor;
  /** For explainers fitted on the training rows (TimeX++, TimeX). */
  readonly fit?: FitSummary;
}

/** One method's saliency map of the explained rows, run as the paper ran it. */
export async function runMethod(
  setting: MethodSetting,
  data: BenchData,
  blackBox: BenchBlackBox,
  seed: number,
): Promise<MethodOutput> {
  const explainer = settingExplainer(setting);
  const reference = setting.reference === 'zero-and-explained' ? zeroAndExplained(data.x) : data.train;
  let fit: FitSummary | undefined;
  const explain = async (model: BlackBox, x: Tensor): Promise<Float32Array> => {
    const { saliency, info } = await explainer.explain({ model, x, params: setting.params, seed, reference });
    fit = info.diagnostics && fitSummary(info.diagnostics);
    return saliency.data as Float32Array;
  };
  let map: Float32Array;
  if (blackBox.kind === 'classifier') {
    map = await explain(setting.view === 'last-step' ? blackBox.lastStep : blackBox.perTime, data.x);
  } else if (setting.scope === 'rows') {
    // Row by row methods see each group's own white box, which takes any batch; the groups' maps are stacked.
    map = new Float32Array(data.x.data.length);
    const size = map.length / (data.x.shape[0] ?? 1);
    for (const group of blackBox.groups)
      map.set(await explain(group.box, rowsOf(data.x, group.rows)), group.rows[0] * size);
  } else {
    // The optimised masks see the whole set; with one group its box also takes smaller batches (ExtrMask's 50).
    const [only, ...more] = blackBox.groups;
    map = await explain(only && more.length === 0 ? only.box : blackBox.whole, data.x);
  }
  return { saliency: tensor('float32', data.x.shape, postProcess(map, setting.post, data.x.shape)), fit };
}

function fitSummary(diagnostics: Readonly<Record<string, number | readonly number[]>>): FitSummary | undefined {
  const selected = diagnostics.selectedEpoch;
  if (typeof selected !== 'number') return undefined;
  const summary: Record<string, number> = {};
  for (const [name, value] of Object.entries(diagnostics)) {
    if (typeof value === 'number') summary[name] = value;
    else if (name.endsWith('ByEpoch')) summary[name.slice(0, -'ByEpoch'.length)] = value[selected - 1] ?? NaN;
  }
  return summary;
}

function postProcess(map: Float32Array, post: MethodSetting['post'], shape: readonly number[]): Float32Array {
  if (post === undefined) return map;
  const magnitudes = map.map(Math.abs);
  if (post === 'abs') return magnitudes;
  const perSample = magnitudes.length / (shape[0] ?? 1);
  return Float32Array.from(minMaxNormalize(magnitudes, perSample, NORMALISE_EPSILON));
}
