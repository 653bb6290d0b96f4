import { afterAll, describe, expect, it } from 'vitest';
import { generateBenchmark } from '../datasets/benchmarks';
import { releaseSessions } from '../engine';
import { benchData } from './bench-data';
import { resolveBlackBox } from './black-boxes';
import { tableMetrics } from './dataset-metrics';
import { methodSettings } from './method-settings';
import type { BenchMethod } from './method-settings';
import { runMethod } from './run-method';

afterAll(() => releaseSessions());

describe('ecg-synth: the harness ranks ContraLSP above IG on the known abnormal segment', () => {
  // Seed 100 is one of the tuning seeds ContraLSP's ECG setting was picked on, not a benchmark run's seed.
  const dataset = generateBenchmark('ecg-synth', { seed: 100, size: 'quick' });
  const data = benchData(dataset);
  const settings = methodSettings('ecg-synth');
  const score = async (method: BenchMethod): Promise<Record<string, number>> => {
    const setting = settings[method];
    if (!setting) throw new Error(`no ecg-synth setting for ${method}`);
    const map = await runMethod(setting, data, await resolveBlackBox('.', dataset, 0), 0);
    const values = tableMetrics('ecg-synth')?.score(map, data.truth) ?? {};
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? NaN]));
  };

  it('ContraLSP (its state preset) is above IG on AUP and AUR', async () => {
    const [contralsp, ig] = [await score('contralsp'), await score('integrated-gradients')];
    expect(contralsp.AUP).toBeGreaterThan((ig.AUP ?? 1) + 0.1);
    expect(contralsp.AUR).toBeGreaterThan((ig.AUR ?? 1) + 0.1);
  }, 120_000);
});
