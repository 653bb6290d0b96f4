import type { BenchmarkSize } from '../datasets/benchmarks';
import type { BlackBox } from './black-box';
import type { ExplainProgress } from './explainer';
import { fitIbPolicy, policyMaps, untrainedIbPolicy } from './ib-gradient-free';
import { timexSplit, type TimexScores } from './timex-split';

/**
 * The validation of ib-gradient-free.md §4.1 on one split of a TimeX++ synthetic set: the policy
 * is fitted on the split's training windows against the black box, then its maps of the test
 * windows are scored with TimeX++'s metrics (trapezoid AUPRC, AUP, AUR; per-sample min–max),
 * next to a freshly initialised policy and a uniform random map.
 */

export type IbScores = TimexScores;

export interface IbBenchmarkRow {
  readonly dataset: string;
  readonly split: number;
  /** The black box's accuracy on the split's test windows. */
  readonly accuracy: number;
  readonly trained: IbScores;
  readonly untrained: IbScores;
  readonly random: IbScores;
  /** Samples scored (SeqComb leaves out class 0, whose truth is empty). */
  readonly samples: number;
  readonly fitSec: number;
  readonly forwardRows: number;
  /** §2.2's check on the first training batch: mean R with every cell kept, and with none. */
  readonly referenceRewards: { readonly allKept: number; readonly allBaseline: number };
  readonly rewardByEpoch: readonly number[];
  readonly meanPi: number;
  readonly piStd: number;
}

export async function ibBenchmarkSplit(
  dataset: 'freqshapes' | 'seqcomb-mv',
  split: number,
  box: BlackBox,
  params: unknown,
  options: { size?: BenchmarkSize; onProgress?: (p: ExplainProgress) => void } = {},
): Promise<IbBenchmarkRow> {
  const data = timexSplit(dataset, split, options.size ?? 'full');
  const { train, test, time, features, score } = data;
  const accuracy = await data.accuracy(box);

  const started = performance.now();
  const policy = await fitIbPolicy(box, train, params, { seed: split, onProgress: options.onProgress });
  const fitSec = (performance.now() - started) / 1000;
  const untrained = untrainedIbPolicy({ time, features }, params, split);
  const last = policy.fit?.epochs.at(-1);
  return {
    dataset,
    split,
    accuracy,
    trained: score(await policyMaps(policy, test)),
    untrained: score(await policyMaps(untrained, test)),
    random: score(data.random()),
    samples: data.samples,
    fitSec,
    forwardRows: policy.fit?.forwardRows ?? 0,
    referenceRewards: policy.fit?.referenceRewards ?? { allKept: NaN, allBaseline: NaN },
    rewardByEpoch: policy.fit?.epochs.map((e) => e.meanReward) ?? [],
    meanPi: last?.meanPi ?? NaN,
    piStd: last?.piStd ?? NaN,
  };
}
