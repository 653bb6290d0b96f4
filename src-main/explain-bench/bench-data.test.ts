import { describe, expect, it } from 'vitest';
import { tensor } from '../engine';
import { generateBenchmark } from '../datasets/benchmarks';
import { splitRows } from '../datasets/benchmarks/testing/truth-runs';
import { benchData } from './bench-data';
import { tableMetrics } from './dataset-metrics';

describe('benchData on ecg-synth', () => {
  const dataset = generateBenchmark('ecg-synth', { seed: 4, size: 'quick' });
  const data = benchData(dataset);
  const [, T, F] = dataset.shape;
  const frame = T * F;
  const [from, to] = splitRows(dataset).test;
  const abnormal = Array.from({ length: to - from }, (_, i) => from + i).filter(
    (n) => dataset.classNames?.[dataset.labels?.[n] ?? -1] !== 'N',
  );

  it("explains the test split's abnormal beats (the rows with truth), in order, as they are", () => {
    expect(abnormal.length).toBeGreaterThan(3);
    expect(data.x.shape).toEqual([abnormal.length, T, F]);
    expect(data.truth.shape).toEqual([abnormal.length, T, F]);
    abnormal.forEach((n, i) => {
      expect(data.x.data.subarray(i * frame, (i + 1) * frame)).toEqual(dataset.x.subarray(n * frame, (n + 1) * frame));
      expect(data.truth.data.subarray(i * frame, (i + 1) * frame)).toEqual(
        dataset.truth.subarray(n * frame, (n + 1) * frame),
      );
    });
    expect(data.train.shape[0]).toBe(dataset.split?.train);
  });

  it('scores a map against the truth with AUP, AUR and AUPRC (average precision)', () => {
    const metrics = tableMetrics('ecg-synth');
    const truth = Float32Array.from(data.truth.data as Uint8Array);
    const perfect = metrics?.score(tensor('float32', data.x.shape, truth), data.truth);
    // The truth as a map: one threshold, at which precision and recall are 1.
    expect(perfect?.AUPRC).toBe(1);
    const inverted = metrics?.score(
      tensor(
        'float32',
        data.x.shape,
        truth.map((v) => 1 - v),
      ),
      data.truth,
    );
    expect(inverted?.AUPRC).toBeLessThan(0.5);
    expect(Object.keys(perfect ?? {})).toEqual(['AUP', 'AUR', 'AUPRC']);
  });
});
