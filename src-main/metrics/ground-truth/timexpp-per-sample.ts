import type { Tensor } from '../../engine/ir';
import { AppError } from '../../errors';
import { mapValues, pairedMaps } from '../saliency-map';
import { minMaxNormalize, TIMEXPP_EPSILON } from './normalize';
import {
  areaUnderPrecision,
  areaUnderRecall,
  averagePrecision,
  precisionRecallCurve,
  trapezoidPrecisionRecallArea,
} from './precision-recall';

/** The four TimeX++ ground-truth numbers of one sample. */
export interface TimexppSampleScores {
  /** Trapezoid area under (recall, precision) with the final (0, 1) point: TimeX++ Table 1 (synthetic). */
  readonly auprc: number;
  /** sklearn average precision: TimeX++ Table 3 (ECG) and every TimeX / copied baseline number. */
  readonly averagePrecision: number;
  /** Trapezoid ∫ precision dθ over the sample's distinct thresholds (0 for a single threshold). */
  readonly aup: number;
  /** Trapezoid ∫ recall dθ (recall ≡ 1 for a sample without salient entries). */
  readonly aur: number;
}

/** A metric's mean over the evaluated samples and its standard error std/√n (ddof 0), as TimeX++ reports. */
export interface MeanWithError {
  readonly mean: number;
  readonly standardError: number;
}

export interface TimexppScores {
  readonly perSample: TimexppSampleScores[];
  readonly auprc: MeanWithError;
  readonly averagePrecision: MeanWithError;
  readonly aup: MeanWithError;
  readonly aur: MeanWithError;
}

export interface TimexppOptions {
  /**
   * Which samples to evaluate (indices into N); default all. TimeX++ leaves out class-0 samples for
   * SeqComb-UV/MV, whose truth is empty.
   */
  readonly samples?: readonly number[];
}

/**
 * TimeX++'s ground-truth metrics (§7 of its spec): each sample's map is min–max normalised with
 * ε 1e-9, scored on its own T·F entries, and the per-sample values are averaged. Unlike tint, nothing
 * is pooled across samples. The truth is salient where non-zero.
 */
export function timexppScores(attributions: Tensor, truth: Tensor, options: TimexppOptions = {}): TimexppScores {
  const shape = pairedMaps(attributions, 'attributions', truth, 'truth');
  const scores = minMaxNormalize(mapValues(attributions), shape.perExample, TIMEXPP_EPSILON);
  const truthValues = mapValues(truth);
  const samples = options.samples ?? Array.from({ length: shape.examples }, (_, i) => i);
  if (samples.length === 0) throw new AppError('invalid-request', 'samples: expected at least one sample index');
  const perSample = samples.map((sample) => {
    if (!Number.isInteger(sample) || sample < 0 || sample >= shape.examples) {
      throw new AppError('invalid-request', `samples: ${sample} is not a sample index 0…${shape.examples - 1}`);
    }
    const start = sample * shape.perExample;
    const salient = Uint8Array.from({ length: shape.perExample }, (_, i) =>
      (truthValues[start + i] ?? 0) !== 0 ? 1 : 0,
    );
    const curve = precisionRecallCurve(scores.subarray(start, start + shape.perExample), salient);
    return {
      auprc: trapezoidPrecisionRecallArea(curve),
      averagePrecision: averagePrecision(curve),
      aup: areaUnderPrecision(curve),
      aur: areaUnderRecall(curve),
    };
  });
  const summary = (pick: (s: TimexppSampleScores) => number): MeanWithError => meanWithError(perSample.map(pick));
  return {
    perSample,
    auprc: summary((s) => s.auprc),
    averagePrecision: summary((s) => s.averagePrecision),
    aup: summary((s) => s.aup),
    aur: summary((s) => s.aur),
  };
}

function meanWithError(values: readonly number[]): MeanWithError {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return { mean, standardError: Math.sqrt(variance / values.length) };
}
