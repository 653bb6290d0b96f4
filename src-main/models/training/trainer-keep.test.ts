import { describe, expect, it } from 'vitest';
import { toNumbers } from '../../engine/ir';
import { bumps } from '../testing/synthetic-tasks';
import { measureOutputs } from './metrics';
import { cnn1d } from './networks';
import { trainNetwork } from './trainer';
import type { TrainingOptions } from './trainer';

describe("keeping the epoch with the best validation macro-F1 (TimeX's black-box selection)", () => {
  const network = cnn1d({ windowLength: 48, channels: 2, outputs: 3 }, { filters: [2], kernel: 3 });
  const train = bumps(96, 1);
  const validation = bumps(30, 2);
  const options: TrainingOptions = {
    epochs: 5,
    batchSize: 16,
    learningRate: 0.03,
    weightDecay: 0.05,
    decoupledWeightDecay: true,
    loss: 'poly-1',
    seed: 6,
  };

  it('runs every epoch and keeps the first epoch whose validation macro-F1 is highest', async () => {
    const kept = await trainNetwork(network, 'classification', train, validation, {
      ...options,
      keep: 'best-macro-f1',
    });
    expect(kept.history).toHaveLength(options.epochs);
    // Each epoch's parameters, from runs that stop there (training is seeded, so they replay the same steps).
    const perEpoch = await Promise.all(
      Array.from({ length: options.epochs }, (_, e) =>
        trainNetwork(network, 'classification', train, validation, { ...options, epochs: e + 1, keep: 'last' }),
      ),
    );
    const scores = await Promise.all(
      perEpoch.map(async (run) => {
        const outputs = await run.predict(validation);
        return measureOutputs('classification', outputs, validation.targets, validation.count).macroF1 ?? NaN;
      }),
    );
    const best = scores.indexOf(Math.max(...scores));
    // The case tells the rule apart from keeping the last epoch.
    expect(best + 1).toBeLessThan(options.epochs);
    expect(kept.keptEpoch).toBe(best + 1);
    const chosen = perEpoch[best]?.params;
    for (const [name, value] of kept.params) expect(toNumbers(value)).toEqual(toNumbers(chosen?.get(name) ?? value));
  });
});
