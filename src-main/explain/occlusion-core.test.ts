import { describe, expect, it } from 'vitest';
import { ExplainRun } from './explain-run';
import { occlude, windowRanges } from './occlusion-core';
import { expectClose, golden, goldenBox, goldenJson } from './testing/golden';
import type { Nested } from './testing/golden';

describe('windowRanges', () => {
  it('follows Captum’s grid: ⌈(D − w)/s⌉ + 1 windows, the last clipped at the border', () => {
    expect(windowRanges(5, 2, 2, 'time')).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
    expect(windowRanges(5, 2, 1, 'time')).toHaveLength(4);
    expect(windowRanges(3, 3, 7, 'feature')).toEqual([[0, 3]]);
  });

  it('refuses a window larger than the data, or a stride that skips cells', () => {
    expect(() => windowRanges(5, 6, 1, 'time')).toThrow(/time window \(6\) exceeds the time size \(5\)/);
    expect(() => windowRanges(5, 2, 3, 'time')).toThrow(/time stride \(3\) exceeds its window \(2\)/);
  });
});

describe('occlude', () => {
  it('leaves cells no window covers NaN (tint’s TemporalOcclusion used alone)', async () => {
    const want = goldenJson<Record<string, { attr: Nested }>>('attributions_gru_clf.json')[
      'temporal_occlusion.without_tunnel (NaN->null)'
    ]?.attr as Nested;
    const run = new ExplainRun({ model: goldenBox('gru_clf'), x: golden.x, params: {}, seed: 0 }, 'test');
    const { attr, targets } = await occlude(
      {
        box: goldenBox('gru_clf'),
        x: golden.x.data as Float32Array,
        shape: { batch: 3, time: 5, features: 3 },
        length: 5,
        windows: [0, 1, 2].map((f) => ({ time: [4, 5] as const, features: [f, f + 1] as const })),
        targets: golden.targets,
        replacement: { kind: 'baseline', values: new Float32Array(45) },
        abs: false,
        batchRows: 5,
      },
      run,
    );
    expectClose({ ...golden.x, data: attr }, want, 1e-6);
    expect(targets).toEqual(golden.targets);
    // 3 + 3·3 rows in batches of 5.
    expect(run.info('test', targets).steps).toBe(3);
  });
});
