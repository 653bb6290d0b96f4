import { describe, expect, it } from 'vitest';
import { fromNumbers } from '../ir';
import { numbers } from '../testing/fixtures';
import { Tracer } from '../trace';
import type { OptimizerOptions } from './optimizers';
import { Rng } from './rng';
import { TrainingStep } from './training-step';

const start = [1, -2, 3];
const target = [0.5, 0.5, -1];

/** loss = Σ (p - c)², gradient 2 (p - c); the reference optimisers below follow the published update rules. */
async function trainQuadratic(optimizer: OptimizerOptions, steps: number): Promise<number[]> {
  const g = new Tracer();
  const p = g.param('p', fromNumbers('float64', [3], start));
  const diff = p.sub(g.constant(target, 'float64'));
  const training = await TrainingStep.compile({ loss: diff.mul(diff).reduceSum(), params: [p], optimizer });
  for (let i = 0; i < steps; i++) await training.step();
  expect(training.steps).toBe(steps);
  return numbers(training.value('p'));
}

function referenceAdam(
  o: { lr: number; weightDecay?: number; decoupled?: boolean; clipNorm?: number },
  steps: number,
): number[] {
  const { clipNorm, weightDecay = 0 } = o;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const p = [...start];
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  for (let t = 1; t <= steps; t++) {
    let grad = p.map((x, i) => 2 * (x - (target[i] ?? 0)));
    if (clipNorm !== undefined) {
      const norm = Math.hypot(...grad);
      grad = grad.map((d) => d * Math.min(1, clipNorm / (norm + 1e-6)));
    }
    if (!o.decoupled) grad = grad.map((d, i) => d + weightDecay * (p[i] ?? 0));
    for (let i = 0; i < 3; i++) {
      m[i] = b1 * (m[i] ?? 0) + (1 - b1) * (grad[i] ?? 0);
      v[i] = b2 * (v[i] ?? 0) + (1 - b2) * (grad[i] ?? 0) ** 2;
      const mHat = (m[i] ?? 0) / (1 - b1 ** t);
      const vHat = (v[i] ?? 0) / (1 - b2 ** t);
      if (o.decoupled) p[i] = (p[i] ?? 0) * (1 - o.lr * weightDecay);
      p[i] = (p[i] ?? 0) - (o.lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  }
  return p;
}

function referenceSgd(lr: number, momentum: number, steps: number): number[] {
  const p = [...start];
  const buffer = [0, 0, 0];
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < 3; i++) {
      buffer[i] = momentum * (buffer[i] ?? 0) + 2 * ((p[i] ?? 0) - (target[i] ?? 0));
      p[i] = (p[i] ?? 0) - lr * (buffer[i] ?? 0);
    }
  }
  return p;
}

const close = (actual: number[], expected: number[]): void =>
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i] ?? NaN, 10));

describe('training-step programs', () => {
  it('Adam with bias correction matches the published update rule', async () => {
    close(await trainQuadratic({ kind: 'adam', lr: 0.1 }, 5), referenceAdam({ lr: 0.1 }, 5));
  });

  it('Adam with L2 weight decay, with decoupled weight decay (AdamW) and with gradient clipping', async () => {
    close(
      await trainQuadratic({ kind: 'adam', lr: 0.1, weightDecay: 0.3 }, 4),
      referenceAdam({ lr: 0.1, weightDecay: 0.3 }, 4),
    );
    close(
      await trainQuadratic({ kind: 'adam', lr: 0.1, weightDecay: 0.3, decoupled: true }, 4),
      referenceAdam({ lr: 0.1, weightDecay: 0.3, decoupled: true }, 4),
    );
    close(await trainQuadratic({ kind: 'adam', lr: 0.1, clipNorm: 1 }, 4), referenceAdam({ lr: 0.1, clipNorm: 1 }, 4));
  });

  it('SGD, plain and with momentum', async () => {
    close(await trainQuadratic({ kind: 'sgd', lr: 0.1 }, 3), referenceSgd(0.1, 0, 3));
    close(await trainQuadratic({ kind: 'sgd', lr: 0.05, momentum: 0.9 }, 4), referenceSgd(0.05, 0.9, 4));
  });

  it('clamps a bounded parameter after every update (projected SGD)', async () => {
    const g = new Tracer();
    const p = g.param('p', fromNumbers('float64', [3], [0.5, 0.5, 0.5]));
    const diff = p.sub(g.constant([2, -1, 0.25], 'float64'));
    const training = await TrainingStep.compile({
      loss: diff.mul(diff).reduceSum(),
      params: [p],
      optimizer: { kind: 'sgd', lr: 0.3, momentum: 0.9 },
      bounds: { p: [0, 1] },
    });
    // Reference: the momentum buffer sees the gradient at the clamped value, as in PyTorch's clamp_ after step().
    const ref = [0.5, 0.5, 0.5];
    const buffer = [0, 0, 0];
    const goal = [2, -1, 0.25];
    for (let t = 0; t < 4; t++) {
      await training.step();
      for (let i = 0; i < 3; i++) {
        buffer[i] = 0.9 * (buffer[i] ?? 0) + 2 * ((ref[i] ?? 0) - (goal[i] ?? 0));
        ref[i] = Math.min(1, Math.max(0, (ref[i] ?? 0) - 0.3 * (buffer[i] ?? 0)));
      }
    }
    close(numbers(training.value('p')), ref);
    expect(numbers(training.value('p')).slice(0, 2)).toEqual([1, 0]);
    const h = new Tracer();
    const q = h.param('q', fromNumbers('float32', [1], [0]));
    await expect(
      TrainingStep.compile({
        loss: q.reduceSum(),
        params: [q],
        optimizer: { kind: 'sgd', lr: 1 },
        bounds: { r: [0, 1] },
      }),
    ).rejects.toThrow(/bounds: 'r' is not trained/);
  });

  it('restarts as if just compiled: step 0, fresh Adam state, the given parameters', async () => {
    const g = new Tracer();
    const p = g.param('p', fromNumbers('float64', [3], start));
    const diff = p.sub(g.constant(target, 'float64'));
    const training = await TrainingStep.compile({
      loss: diff.mul(diff).reduceSum(),
      params: [p],
      optimizer: { kind: 'adam', lr: 0.1 },
    });
    for (let i = 0; i < 4; i++) await training.step();
    training.restart();
    expect(training.steps).toBe(0);
    expect(numbers(training.value('p'))).toEqual(start);
    for (let i = 0; i < 3; i++) await training.step();
    expect(numbers(training.value('p'))).toEqual(referenceAdam({ lr: 0.1 }, 3));
    training.restart({ p: fromNumbers('float64', [3], target) });
    await training.step();
    // At the optimum the gradient is 0: Adam from zero moments does not move.
    expect(numbers(training.value('p'))).toEqual(target);
    expect(() => training.restart({ q: fromNumbers('float64', [3], target) })).toThrow(/'q' is not trained/);
  });

  it('resumes from a saved state with its Adam moments and step count, in another compiled step', async () => {
    const compile = async (): Promise<TrainingStep> => {
      const g = new Tracer();
      const p = g.param('p', fromNumbers('float64', [3], start));
      const diff = p.sub(g.constant(target, 'float64'));
      return TrainingStep.compile({
        loss: diff.mul(diff).reduceSum(),
        params: [p],
        optimizer: { kind: 'adam', lr: 0.1 },
      });
    };
    const first = await compile();
    for (let i = 0; i < 4; i++) await first.step();
    const saved = first.state();
    const second = await compile();
    second.resume(saved);
    expect(second.steps).toBe(4);
    for (let i = 0; i < 3; i++) await second.step();
    // Seven steps of one Adam: the moments and the bias correction's step count carried over.
    expect(numbers(second.value('p'))).toEqual(referenceAdam({ lr: 0.1 }, 7));
    expect(() => second.resume(new Map([...saved].filter(([name]) => name !== 'p')))).toThrow(/missing p/);
    expect(() => second.resume(new Map([...saved, ['q', fromNumbers('float64', [1], [0])]]))).toThrow(/unknown q/);
  });

  it('trains on data fed each step (seeded noise drawn in JS) and returns extra outputs', async () => {
    const g = new Tracer();
    const w = g.param('w', fromNumbers('float32', [2], [0, 0]));
    const x = g.input('x', 'float32', [8, 2]);
    const noise = g.input('noise', 'float32', [8]);
    const truth = g.constant([2, -1]);
    const y = x.mul(truth).reduceSum([1]).add(noise.mul(0.01));
    const error = x.mul(w).reduceSum([1]).sub(y);
    const training = await TrainingStep.compile({
      loss: error.mul(error).reduceMean(),
      params: [w],
      optimizer: { kind: 'adam', lr: 0.05 },
      outputs: { error },
    });
    const rng = new Rng(3);
    const losses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const result = await training.step({ x: rng.normal([8, 2]), noise: rng.normal([8]) });
      expect(result.outputs.error?.shape).toEqual([8]);
      losses.push(result.loss);
    }
    expect(losses.at(-1)).toBeLessThan((losses[0] ?? 0) / 100);
    numbers(training.value('w')).forEach((v, i) => expect(v).toBeCloseTo([2, -1][i] ?? NaN, 1));
  });

  it('rejects a loss that is not a scalar, a value that is not a parameter, bad hyper-parameters and a second step on one graph', async () => {
    const g = new Tracer();
    const p = g.param('p', fromNumbers('float32', [2], [1, 2]));
    const x = g.input('x', 'float32', [2]);
    await expect(TrainingStep.compile({ loss: p, params: [p], optimizer: { kind: 'sgd', lr: 1 } })).rejects.toThrow(
      /scalar/,
    );
    await expect(
      TrainingStep.compile({ loss: x.reduceSum(), params: [x], optimizer: { kind: 'sgd', lr: 1 } }),
    ).rejects.toThrow(/not a parameter/);
    await expect(
      TrainingStep.compile({ loss: p.reduceSum(), params: [p], optimizer: { kind: 'adam', lr: 1, beta1: 1 } }),
    ).rejects.toThrow(/beta1/);
    await TrainingStep.compile({ loss: p.reduceSum(), params: [p], optimizer: { kind: 'sgd', lr: 1 } });
    await expect(
      TrainingStep.compile({ loss: p.reduceSum(), params: [p], optimizer: { kind: 'sgd', lr: 1 } }),
    ).rejects.toThrow(/already has a training step/);
  });
});
