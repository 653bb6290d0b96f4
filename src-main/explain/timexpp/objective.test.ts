import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program, Rng, tensor } from '../../engine';
import type { Tensor } from '../../engine';
import { generateBenchmark } from '../../datasets/benchmarks';
import { readModelFiles } from '../../models';
import { timexTrainMode } from '../../models/training/timex-train-mode';
import { traceable } from '../black-box';
import type { BlackBox } from '../black-box';
import { drawPolicyDropout } from '../ib-policy';
import { ABLATIONS } from './presets';
import type { Ablation } from './presets';
import { FEEDS, traceObjective } from './objective';
import { cleanLogProbabilities, untrainedTimexpp } from './fit';
import { gumbelDifference } from './sampling';

const boxFile = join(import.meta.dirname, '../../../models/benchmarks/freqshapes/split-0.onnx');
const box: BlackBox = { name: 'freqshapes split 0', onnx: readFileSync(boxFile), output: 'logits' };
const BATCH = 4;

/** How f is called: its inference graph with f(X) fed (here ln ¼, or its true value), or in train mode with the masks given. */
type BlackBoxCall =
  | { readonly mode: 'inference'; readonly clean: 'uniform' | 'true' }
  | { readonly mode: 'train'; readonly masks: 'ones' | 'drawn' };

/** The loss, its terms and the mask of one batch of the quick FreqShapes set, without the given terms. */
async function evaluate(
  without: Ablation[],
  call: BlackBoxCall = { mode: 'inference', clean: 'uniform' },
): Promise<Record<string, Tensor>> {
  const data = generateBenchmark('freqshapes', { seed: 0, size: 'quick' });
  const [, time, features] = data.shape;
  const shape = [BATCH, time, features];
  const state = untrainedTimexpp(time, features, { without, blackBoxTrainMode: call.mode === 'train' }, 5);
  const model = await readModelFiles(boxFile);
  const called: BlackBox = { ...box, trainMode: timexTrainMode('freqshapes', model) };
  const objective = traceObjective({
    arch: state.architecture,
    params: state.params,
    batch: BATCH,
    classes: 4,
    init: state.values,
    box: called,
    model: call.mode === 'inference' ? await traceable(box, shape) : undefined,
  });
  const program = await Program.compile({ loss: objective.loss, ...objective.outputs });
  const rng = new Rng(9);
  const x = tensor('float32', shape, data.x.slice(0, BATCH * time * features));
  const feeds: Record<string, Tensor> = {
    [FEEDS.x]: x,
    [FEEDS.noise]: gumbelDifference(rng, shape),
    ...Object.fromEntries(drawPolicyDropout(state.architecture, rng, BATCH)),
    ...Object.fromEntries(state.values),
  };
  if (!without.includes('reference')) feeds[FEEDS.baseline] = rng.normal(shape);
  if (without.includes('label-consistency')) return program.run(feeds);
  if (call.mode === 'inference') {
    feeds[FEEDS.clean] =
      call.clean === 'uniform'
        ? tensor('float32', [BATCH, 4], new Float32Array(BATCH * 4).fill(Math.log(0.25)))
        : tensor('float32', [BATCH, 4], await cleanLogProbabilities(box, x));
  } else {
    for (const prefix of [FEEDS.cleanDropout, FEEDS.explainedDropout]) {
      for (const [name, mask] of called.trainMode?.draw(new Rng(11), BATCH) ?? []) {
        feeds[`${prefix}${name}`] =
          call.masks === 'drawn' ? mask : tensor('float32', mask.shape, new Float32Array(mask.data.length).fill(1));
      }
    }
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

  it('f in train mode (§9 #10): without dropout L_LC is the inference graph’s; drawn masks move it', async () => {
    const inference = await evaluate([], { mode: 'inference', clean: 'true' });
    const unmasked = await evaluate([], { mode: 'train', masks: 'ones' });
    const drawn = await evaluate([], { mode: 'train', masks: 'drawn' });
    expect(scalar(unmasked, 'labelConsistency')).toBeCloseTo(scalar(inference, 'labelConsistency'), 6);
    expect(scalar(drawn, 'labelConsistency')).not.toBeCloseTo(scalar(inference, 'labelConsistency'), 4);
    // Only L_LC calls f: the other terms and π are the same.
    expect(scalar(drawn, 'compactness')).toBe(scalar(inference, 'compactness'));
    expect(scalar(drawn, 'loss')).toBeCloseTo(recombined(drawn), 5);
  });

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
