import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../../engine/ir';
import { goldenModel, nestedTensor, readGolden, type Nested3 } from '../testing/golden';
import type { Baseline } from './baselines';
import type { Forward } from './forward';
import {
  comprehensiveness,
  logOdds,
  perturbedAccuracy,
  perturbedCrossEntropy,
  perturbedOutputMae,
  perturbedOutputMse,
  sufficiency,
  type MaskOptions,
} from './perturbation-metrics';
import type { MetricResult } from '../saliency-map';
import { rankEntries } from '../ranking';
import { tintTopkCount } from './tint-topk';

type ModelName = 'gru_clf' | 'conv1d_clf';
interface GridCase {
  model: ModelName;
  metric: string;
  mask_largest: boolean;
  baselines: 'none(zeros)' | 'scalar_0.5' | 'x_avg_over_time';
  topk: number;
  value: number;
  per_example: number[];
  'perturbed_flat_indices_per_example(sorted, index=t*F+f)': number[][];
}
interface BugCompatCase {
  model: ModelName;
  metric: 'sufficiency' | 'comprehensiveness';
  bug_compat: string;
  topk: number;
  value: number;
}
type BlackBoxFile = { cases: (GridCase | BugCompatCase)[] } & Record<`${ModelName}.attributions`, Nested3>;

const golden = readGolden('blackbox_metrics.json') as BlackBoxFile;
const inputs = readGolden('inputs_and_forward.json') as { x: Nested3 };
const x = nestedTensor('float32', inputs.x);

type Metric = (forward: Forward, x: Tensor, attributions: Tensor, options: MaskOptions) => Promise<MetricResult>;
const metrics: Record<string, Metric> = {
  accuracy: perturbedAccuracy,
  comprehensiveness,
  sufficiency,
  log_odds: logOdds,
  cross_entropy: perturbedCrossEntropy,
  mae: perturbedOutputMae,
  mse: perturbedOutputMse,
};
const baselines: Record<GridCase['baselines'], Baseline> = {
  'none(zeros)': 0,
  'scalar_0.5': 0.5,
  x_avg_over_time: 'average',
};

// The fixtures come from float64 models; these run the float32 ONNX files (README: ~1e-5).
const TOLERANCE = 1e-5;

for (const model of ['gru_clf', 'conv1d_clf'] as const) {
  describe(`tint black-box metrics on ${model} against blackbox_metrics.json`, () => {
    let forward: Forward;
    let release: () => Promise<void>;
    beforeAll(async () => ({ forward, release } = await goldenModel(model)));
    afterAll(() => release());
    const attributions = nestedTensor('float64', golden[`${model}.attributions`]);

    for (const c of golden.cases.filter((c): c is GridCase => c.model === model && !('bug_compat' in c))) {
      const name = `${c.metric}, mask_largest ${c.mask_largest}, ${c.baselines}, topk ${c.topk}`;
      it(name, async () => {
        const metric = metrics[c.metric];
        if (!metric) throw new Error(`no metric for ${c.metric}`);
        const result = await metric(forward, x, attributions, {
          topk: c.topk,
          baseline: baselines[c.baselines],
          maskLargest: c.mask_largest,
        });
        expect(Math.abs(result.value - c.value)).toBeLessThan(TOLERANCE);
        expect(result.perExample).toHaveLength(c.per_example.length);
        result.perExample.forEach((v, i) => expect(Math.abs(v - (c.per_example[i] ?? NaN))).toBeLessThan(TOLERANCE));
      });
      it(`${name}: replaces the fixture's entries`, () => {
        const largest = c.metric === 'sufficiency' ? false : c.mask_largest;
        const k = tintTopkCount(15, largest ? c.topk : 1 - c.topk);
        const chosen = [0, 1, 2].map((b) =>
          Array.from(rankEntries(attributions.data as Float64Array, b * 15, 15, largest).subarray(0, k)).sort(
            (p, q) => p - q,
          ),
        );
        expect(chosen).toEqual(c['perturbed_flat_indices_per_example(sorted, index=t*F+f)']);
      });
    }

    for (const c of golden.cases.filter((c): c is BugCompatCase => c.model === model && 'bug_compat' in c)) {
      it(`bug-compatible ${c.metric}: ${c.bug_compat}`, async () => {
        const tintBugCompat = c.metric === 'sufficiency' ? { nSamples: 3, nSamplesBatchSize: 1 } : { nSamples: 2 };
        const metric = c.metric === 'sufficiency' ? sufficiency : comprehensiveness;
        const result = await metric(forward, x, attributions, { topk: c.topk, tintBugCompat });
        expect(Math.abs(result.value - c.value)).toBeLessThan(TOLERANCE);
        // Without the compat switch the intended value differs.
        const intended = await metric(forward, x, attributions, { topk: c.topk });
        expect(Math.abs(intended.value - c.value)).toBeGreaterThan(1e-3);
      });
    }
  });
}
