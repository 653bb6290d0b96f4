import type { BenchmarkSize } from '../../datasets/benchmarks';
import type { BlackBox } from '../black-box';
import type { ExplainProgress } from '../explainer';
import { fitTimexpp, untrainedTimexpp } from './fit';
import type { TimexppEpochLog, TimexppExplainerState } from './fit';
import { timexppMaps } from './read-out';
import { timexSplit, type TimexScores } from '../timex-split';

/**
 * TimeX++ on one split of a TimeX++ synthetic set (timexpp.md §7, §11): fit on the split's
 * training windows against its black box, explain the test windows, and score the maps with
 * Table 1's metrics (trapezoid AUPRC, AUP, AUR after per-sample min–max; SeqComb leaves out
 * class 0), next to the untrained explainer and a uniform random map.
 */

export type TimexppScoreRow = TimexScores;

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
  const data = timexSplit(dataset, split, options.size ?? 'full');
  const { train, test, time, features, score } = data;
  const accuracy = await data.accuracy(box);

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
    accuracy,
    samples: data.samples,
    trained: score(await timexppMaps(fitted, test)),
    untrained: score(await timexppMaps(untrainedTimexpp(time, features, params, split), test)),
    random: score(data.random()),
    selectedEpoch: fitted.fit?.selectedEpoch ?? NaN,
    fitSeconds,
    epochs: fitted.fit?.epochs ?? [],
    interim,
  };
}
