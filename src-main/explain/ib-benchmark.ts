import { Rng, tensor, toNumbers } from '../engine';
import type { Tensor } from '../engine';
import { generateBenchmark } from '../datasets/benchmarks';
import type { BenchmarkSize } from '../datasets/benchmarks';
import { AppError } from '../errors';
import { timexppScores } from '../metrics';
import { argmax, forward } from './black-box';
import type { BlackBox } from './black-box';
import type { ExplainProgress } from './explainer';
import { fitIbPolicy, policyMaps, untrainedIbPolicy } from './ib-gradient-free';

/**
 * The validation of ib-gradient-free.md §4.1 on one split of a TimeX++ synthetic set: the policy
 * is fitted on the split's training windows against the black box, then its maps of the test
 * windows are scored with TimeX++'s metrics (trapezoid AUPRC, AUP, AUR; per-sample min–max),
 * next to a freshly initialised policy and a uniform random map.
 */

export interface IbScores {
  readonly auprc: number;
  readonly aup: number;
  readonly aur: number;
}

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
  const samples = labels.flatMap((y, n) => (dataset === 'seqcomb-mv' && y === 0 ? [] : [n]));
  const score = (maps: Tensor): IbScores => {
    const s = timexppScores(maps, truth, { samples });
    return { auprc: s.auprc.mean, aup: s.aup.mean, aur: s.aur.mean };
  };

  const logits = toNumbers(await forward(box, test));
  const classes = logits.length / parts.test;
  const correct = labels.filter((y, n) => argmax(logits, n * classes, classes) === y).length;

  const started = performance.now();
  const policy = await fitIbPolicy(box, train, params, { seed: split, onProgress: options.onProgress });
  const fitSec = (performance.now() - started) / 1000;
  const untrained = untrainedIbPolicy({ time, features }, params, split);
  const random = new Rng(1000 + split).uniform(test.shape);
  const last = policy.fit?.epochs.at(-1);
  return {
    dataset,
    split,
    accuracy: correct / parts.test,
    trained: score(await policyMaps(policy, test)),
    untrained: score(await policyMaps(untrained, test)),
    random: score(random),
    samples: samples.length,
    fitSec,
    forwardRows: policy.fit?.forwardRows ?? 0,
    referenceRewards: policy.fit?.referenceRewards ?? { allKept: NaN, allBaseline: NaN },
    rewardByEpoch: policy.fit?.epochs.map((e) => e.meanReward) ?? [],
    meanPi: last?.meanPi ?? NaN,
    piStd: last?.piStd ?? NaN,
  };
}
