import { Rng, tensor, toNumbers } from '../../engine';
import type { Tensor } from '../../engine';
import { generateBenchmark } from '../../datasets/benchmarks';
import type { BenchmarkSize } from '../../datasets/benchmarks';
import { AppError } from '../../errors';
import { timexppScores } from '../../metrics';
import { argmax, forward } from '../black-box';
import type { BlackBox } from '../black-box';
import type { ExplainProgress } from '../explainer';
import { fitTimexpp, untrainedTimexpp } from './fit';
import type { TimexppEpochLog, TimexppExplainerState } from './fit';
import { timexppMaps } from './read-out';

/**
 * TimeX++ on one split of a TimeX++ synthetic set (timexpp.md §7, §11): fit on the split's
 * training windows against its black box, explain the test windows, and score the maps with
 * Table 1's metrics (trapezoid AUPRC, AUP, AUR after per-sample min–max; SeqComb leaves out
 * class 0), next to the untrained explainer and a uniform random map.
 */

export interface TimexppScoreRow {
  readonly auprc: number;
  readonly aup: number;
  readonly aur: number;
}

export interface TimexppSplitResult {
  readonly dataset: string;
  readonly split: number;
  readonly accuracy: number;
  readonly samples: number;
  readonly trained: TimexppScoreRow;
  readonly untrained: TimexppScoreRow;
  readonly random: TimexppScoreRow;
  readonly selectedEpoch: number;
  readonly fitSeconds: number;
  readonly epochs: readonly TimexppEpochLog[];
  /** The test scores of the explainer as selected after each listed epoch (`evaluateAfter`). */
  readonly interim: readonly {
    readonly epoch: number;
    readonly selectedEpoch: number;
    readonly scores: TimexppScoreRow;
  }[];
}

export interface TimexppSplitOptions {
  readonly size?: BenchmarkSize;
  readonly onProgress?: (progress: ExplainProgress) => void;
  /** Epochs after which the explainer selected so far is scored too (a shortened recipe's result). */
  readonly evaluateAfter?: readonly number[];
  readonly onInterim?: (line: string) => void;
}

export async function timexppBenchmarkSplit(
  dataset: 'freqshapes' | 'seqcomb-uv' | 'seqcomb-mv' | 'lowvar',
  split: number,
  box: BlackBox,
  params: unknown,
  options: TimexppSplitOptions = {},
): Promise<TimexppSplitResult> {
  const data = generateBenchmark(dataset, { seed: split, size: options.size ?? 'full' });
  const parts = data.split;
  if (!parts || !data.labels) throw new AppError('internal', `${dataset} has no split or labels`);
  const [, time, features] = data.shape;
  const frame = time * features;
  const rows = (from: number, count: number): Tensor =>
    tensor('float32', [count, time, features], data.x.slice(from * frame, (from + count) * frame));
  const train = rows(0, parts.train);
  const testStart = parts.train + parts.validation;
  const test = rows(testStart, parts.test);
  const truth = tensor(
    'float32',
    test.shape,
    Float32Array.from(data.truth.subarray(testStart * frame, (testStart + parts.test) * frame)),
  );
  const labels = Array.from(data.labels.subarray(testStart, testStart + parts.test));
  const samples = labels.flatMap((y, n) => (dataset.startsWith('seqcomb') && y === 0 ? [] : [n]));
  const score = (maps: Tensor): TimexppScoreRow => {
    const s = timexppScores(maps, truth, { samples });
    return { auprc: s.auprc.mean, aup: s.aup.mean, aur: s.aur.mean };
  };
  const logits = toNumbers(await forward(box, test));
  const classes = logits.length / parts.test;
  const correct = labels.filter((y, n) => argmax(logits, n * classes, classes) === y).length;

  const interim: { epoch: number; selectedEpoch: number; scores: TimexppScoreRow }[] = [];
  const onEpoch = async (
    log: TimexppEpochLog,
    selected: { epoch: number; state: TimexppExplainerState },
  ): Promise<void> => {
    options.onInterim?.(`epoch ${log.epoch}: ${JSON.stringify(log)}`);
    if (!options.evaluateAfter?.includes(log.epoch)) return;
    const scores = score(await timexppMaps(selected.state, test));
    interim.push({ epoch: log.epoch, selectedEpoch: selected.epoch, scores });
    options.onInterim?.(`after epoch ${log.epoch} (selected ${selected.epoch}): ${JSON.stringify(scores)}`);
  };
  const started = performance.now();
  const fitted = await fitTimexpp(box, train, params, { seed: split, onProgress: options.onProgress, onEpoch });
  const fitSeconds = (performance.now() - started) / 1000;
  return {
    dataset,
    split,
    accuracy: correct / parts.test,
    samples: samples.length,
    trained: score(await timexppMaps(fitted, test)),
    untrained: score(await timexppMaps(untrainedTimexpp(time, features, params, split), test)),
    random: score(new Rng(1000 + split).uniform(test.shape)),
    selectedEpoch: fitted.fit?.selectedEpoch ?? NaN,
    fitSeconds,
    epochs: fitted.fit?.epochs ?? [],
    interim,
  };
}
