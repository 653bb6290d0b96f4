import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program, Rng, tensor } from '../../engine';
import type { Tensor } from '../../engine';
import { generateBenchmark } from '../../datasets/benchmarks';
import { traceable } from '../black-box';
import type { BlackBox } from '../black-box';
import { drawPolicyDropout } from '../ib-policy';
import { ABLATIONS } from './presets';
import type { Ablation } from './presets';
import { FEEDS, traceObjective } from './objective';
import { untrainedTimexpp } from './fit';
import { gumbelDifference } from './sampling';

const box: BlackBox = {
  name: 'freqshapes split 0',
  onnx: readFileSync(join(import.meta.dirname, '../../../models/benchmarks/freqshapes/split-0.onnx')),
  output: 'logits',
};
const BATCH = 4;

/** The loss, its terms and the mask of one batch of the quick FreqShapes set, without the given terms. */
async function evaluate(without: Ablation[]): Promise<Record<string, Tensor>> {
  const data = generateBenchmark('freqshapes', { seed: 0, size: 'quick' });
  const [, time, features] = data.shape;
  const shape = [BATCH, time, features];
  const state = untrainedTimexpp(time, features, { without }, 5);
  const objective = traceObjective({
    arch: state.architecture,
    params: state.params,
    batch: BATCH,
    classes: 4,
    init: state.values,
    box,
    model: await traceable(box, shape),
  });
  const program = await Program.compile({ loss: objective.loss, ...objective.outputs });
  const rng = new Rng(9);
  const feeds: Record<string, Tensor> = {
    [FEEDS.x]: tensor('float32', shape, data.x.slice(0, BATCH * time * features)),
    [FEEDS.noise]: gumbelDifference(rng, shape),
    ...Object.fromEntries(drawPolicyDropout(state.architecture, rng, BATCH)),
    ...Object.fromEntries(state.values),
  };
  if (!without.includes('reference')) feeds[FEEDS.baseline] = rng.normal(shape);
  if (!without.includes('label-consistency')) {
    feeds[FEEDS.clean] = tensor('float32', [BATCH, 4], new Float32Array(BATCH * 4).fill(Math.log(0.25)));
  }
  return program.run(feeds);
}

const scalar = (out: Record<string, Tensor>, name: string): number => Number(out[name]?.data[0] ?? NaN);

/** L = L_LC + 2 (L_M + λ L_con) + (0.1 L_KL + L_dr) with FreqShapes' λ = 1, from the reported terms. */
function recombined(out: Record<string, Tensor>): number {
  const term = (name: string): number => (out[name] ? scalar(out, name) : 0);
  return (
    term('labelConsistency') +
    2 * (term('compactness') + term('connectivity')) +
    (0.1 * term('distributionKl') + term('referenceAlignment'))
  );
}

describe('TimeX++ objective and its ablations (timexpp.md §2.7g, Table 3)', () => {
  it('the full loss is the weighted sum of the five terms, with a binary mask', async () => {
    const out = await evaluate([]);
    for (const name of ['labelConsistency', 'compactness', 'connectivity', 'distributionKl', 'referenceAlignment']) {
      expect(Number.isFinite(scalar(out, name))).toBe(true);
    }
    expect(scalar(out, 'loss')).toBeCloseTo(recombined(out), 5);
    expect(Array.from(out.mask?.data ?? [], Number).every((m) => m === 0 || m === 1)).toBe(true);
  });

  type TermAblation = Exclude<Ablation, 'ste'>;
  const TERM: Readonly<Record<TermAblation, string>> = {
    'label-consistency': 'labelConsistency',
    kl: 'distributionKl',
    reference: 'referenceAlignment',
    connectivity: 'connectivity',
  };

  it.each(ABLATIONS.filter((a): a is TermAblation => a !== 'ste'))(
    'w/o %s removes exactly that term',
    async (ablation) => {
      const full = await evaluate([]);
      const out = await evaluate([ablation]);
      const removed = TERM[ablation];
      expect(out[removed]).toBeUndefined();
      expect(scalar(out, 'loss')).toBeCloseTo(recombined(out), 5);
      // The remaining terms are unchanged: the same parameters, data and noise.
      for (const name of Object.values(TERM).filter((n) => n !== removed)) {
        expect(scalar(out, name)).toBeCloseTo(scalar(full, name), 5);
      }
      expect(scalar(out, 'loss')).not.toBeCloseTo(scalar(full, 'loss'), 6);
    },
  );

  it('w/o STE feeds the soft relaxation forward: the same π, a non-binary mask', async () => {
    const full = await evaluate([]);
    const out = await evaluate(['ste']);
    expect(Array.from(out.pi?.data ?? [], Number)).toEqual(Array.from(full.pi?.data ?? [], Number));
    const mask = Array.from(out.mask?.data ?? [], Number);
    expect(mask.some((m) => m > 0.01 && m < 0.99)).toBe(true);
    // Rounding the soft sample gives the hard one (both threshold the same logit at 0).
    expect(mask.map((m) => (m > 0.5 ? 1 : 0))).toEqual(Array.from(full.mask?.data ?? [], Number));
  });
});
