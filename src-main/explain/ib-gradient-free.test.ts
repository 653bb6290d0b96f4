import { describe, expect, it } from 'vitest';
import { missingGradientRules, readModel, Rng, tensor, toNumbers } from '../engine';
import type { Tensor } from '../engine';
import { AppError } from '../errors';
import { importModel } from '../engine';
import type { ExplainProgress } from './explainer';
import { fitIbPolicy, ibGradientFree, policyMaps, untrainedIbPolicy } from './ib-gradient-free';
import { findExplainer } from './registry';
import { tracedBox } from './testing/traced-box';

const T = 10;
const F = 2;
/** The cells the toy model reads: steps 2–4 of channel 0 and steps 7–8 of channel 1. */
const SALIENT = new Set([2 * F, 3 * F, 4 * F, 7 * F + 1, 8 * F + 1]);

/**
 * Logits (s, −s) with s = 3 Σ_{(t,d) ∈ S} softsign(x[t, d]): only the cells of S matter, and
 * Softsign runs forward but has no gradient rule, so only forward-only explainers can use it.
 */
const model = await tracedBox('softsign-toy.onnx', [T, F], 'logits', (g, x) => {
  const weights = new Float32Array(T * F);
  for (const cell of SALIENT) weights[cell] = 3;
  const s = g
    .op('Softsign', [x])
    .mul(g.constant(tensor('float32', [1, T, F], weights)))
    .reduceSum([1, 2])
    .unsqueeze([1]);
  return g.concat([s, s.neg()], 1);
});

const windows = (count: number, seed: number): Tensor => new Rng(seed).normal([count, T, F]);
const reference = windows(96, 1);
const explained = windows(24, 2);
// A weaker compactness weight than the default 0.3 lets 12 short epochs show the effect.
const small = { batchSize: 32, masksPerInput: 8, epochs: 12, lr: 1e-2, alpha: 0.1, encoderFeedForward: 8 };

/** Mean π over the salient cells minus the mean over the others. */
function salientMargin(maps: Tensor): number {
  const values = toNumbers(maps);
  let [inside, outside, nInside, nOutside] = [0, 0, 0, 0];
  values.forEach((v, j) => {
    if (SALIENT.has(j % (T * F))) [inside, nInside] = [inside + v, nInside + 1];
    else [outside, nOutside] = [outside + v, nOutside + 1];
  });
  return inside / nInside - outside / nOutside;
}

describe('ib-gradient-free', { timeout: 180_000 }, () => {
  it('explains a model the engine cannot differentiate: training raises the reward and π ranks the salient cells first', async () => {
    const imported = await importModel(model.onnx, { inputShapes: { x: [1, T, F] } });
    expect(missingGradientRules(imported.graph).map((m) => m.op)).toContain('Softsign');
    expect(readModel(model.onnx).graph.inputs[0]?.name).toBe('x');

    const policy = await fitIbPolicy(model, reference, small, { seed: 3 });
    const fit = policy.fit;
    const rewards = fit?.epochs.map((e) => e.meanReward) ?? [];
    expect(rewards).toHaveLength(small.epochs);
    expect(rewards.at(-1)).toBeGreaterThan((rewards[0] ?? 0) + 0.01);
    // §2.2's check: keeping every cell reproduces the clean output; replacing all of them does not.
    expect(fit?.referenceRewards.allKept).toBeCloseTo(0, 6);
    expect(fit?.referenceRewards.allBaseline).toBeLessThan(-0.05);
    // N clean rows, B·K per step (3 steps an epoch), 2·B for the reference rewards.
    expect(fit?.forwardRows).toBe(96 + small.epochs * 3 * 32 * 8 + 2 * 32);

    const trained = await policyMaps(policy, explained);
    const untrained = await policyMaps(untrainedIbPolicy({ time: T, features: F }, small, 3), explained);
    expect(trained.shape).toEqual([24, T, F]);
    toNumbers(trained).forEach((v) => expect(v > 0 && v < 1).toBe(true));
    expect(salientMargin(trained)).toBeGreaterThan(0.1);
    expect(salientMargin(trained)).toBeGreaterThan(salientMargin(untrained) + 0.1);
  });

  it('is seeded: the same seed gives the same maps, another seed other maps', async () => {
    const quick = { ...small, epochs: 2 };
    const maps = async (seed: number) =>
      toNumbers(await policyMaps(await fitIbPolicy(model, reference, quick, { seed }), explained));
    const first = await maps(5);
    expect(await maps(5)).toEqual(first);
    expect(await maps(6)).not.toEqual(first);
  });

  it('stops within one step of a cancel request', async () => {
    const seen: ExplainProgress[] = [];
    let cancelled = false;
    const cancel = {
      throwIfCancelled: () => {
        if (cancelled) throw new AppError('invalid-request', 'cancelled');
      },
    };
    const onProgress = (p: ExplainProgress): void => {
      seen.push(p);
      if (p.step === 2) cancelled = true;
    };
    await expect(fitIbPolicy(model, reference, small, { seed: 1, cancel, onProgress })).rejects.toThrow('cancelled');
    expect(seen.map((p) => p.step)).toEqual([1, 2]);
    expect(seen[0]?.steps).toBe(small.epochs * 3);
  });

  it('refuses bad parameters naming the field', () => {
    expect(() => ibGradientFree.parseParams({ masksPerInput: 1 })).toThrow(/masksPerInput/);
    expect(() => ibGradientFree.parseParams({ baseline: 'zero' })).toThrow(/baseline/);
    expect(() => ibGradientFree.parseParams({ r: 1 })).toThrow(/\br\b/);
    expect(() => ibGradientFree.parseParams({ granularity: 'cell', lamda: 2 })).toThrow(/lamda/);
    expect(ibGradientFree.parseParams({})).toMatchObject({
      masksPerInput: 8,
      batchSize: 64,
      epochs: 10,
      alpha: 0.3,
      r: 0.5,
    });
  });

  it('is registered; it fits once on the reference and reuses the policy for later windows', async () => {
    const explainer = findExplainer('ib-gradient-free');
    expect(explainer.needsGradients).toBe(false);
    const steps: number[] = [];
    const request = {
      model,
      x: explained,
      params: { ...small, epochs: 1 },
      seed: 4,
      reference,
      onProgress: (p: ExplainProgress) => steps.push(p.step),
    };
    const first = await explainer.explain(request);
    expect(steps).toEqual([1, 2, 3]);
    expect(first.scale).toBe('unit-mask');
    expect(first.info.params).toMatchObject({ lambda: 2 });
    const later = await explainer.explain({ ...request, x: windows(5, 9) });
    expect(steps).toHaveLength(3);
    const direct = await policyMaps(
      await fitIbPolicy(model, reference, { ...small, epochs: 1 }, { seed: 4 }),
      windows(5, 9),
    );
    expect(toNumbers(later.saliency)).toEqual(toNumbers(direct));
  });

  it('explains per time step when asked: every channel of a step shares its π', async () => {
    const policy = await fitIbPolicy(model, reference, { ...small, epochs: 1, granularity: 'time' }, { seed: 2 });
    const values = toNumbers(await policyMaps(policy, explained));
    for (let j = 0; j < values.length; j += F) expect(values[j + 1]).toBe(values[j]);
  });
});
