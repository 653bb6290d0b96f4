import { describe, expect, it } from 'vitest';
import type { ApiParams, ApiResult, ExplanationSummary } from '$api/contract';
import { SaliencyView } from './saliency-view.svelte';
import { explanationMap, explanationSummary } from './test-maps';

/** Two windows of 4 samples, 2 leads, from job 3 (integrated gradients) and one from job 5 (occlusion). */
const specs: [number, number, number[][], Partial<ExplanationSummary>][] = [
  [
    1,
    0,
    [
      [0, 0],
      [1, 0],
      [8, 0],
      [0, 0],
    ],
    { jobId: 3 },
  ],
  [
    2,
    4,
    [
      [0, 0],
      [0, 0],
      [0, -9],
      [0, 4],
    ],
    { jobId: 3 },
  ],
  [
    3,
    0,
    [
      [0.5, 0],
      [1, 0],
      [0, 0],
      [0, 0],
    ],
    { method: 'occlusion', jobId: 5, scale: 'unit-mask', createdAt: '2026-01-02T00:00:00Z' },
  ],
];
const maps = specs.map(([id, start, rows, overrides]) => explanationMap(id, start, rows, overrides));
const summaries = specs.map(([id, start, rows, overrides]) => explanationSummary(id, start, rows.length, 2, overrides));

class FakeReader {
  reads: number[] = [];
  listExplanations = (): Promise<ApiResult<'listExplanations'>> => Promise.resolve({ explanations: summaries });
  readExplanation = ({ explanationId }: ApiParams<'readExplanation'>): Promise<ApiResult<'readExplanation'>> => {
    this.reads.push(explanationId);
    const found = maps.find((m) => m.id === explanationId);
    return found ? Promise.resolve(found) : Promise.reject(new Error(`no explanation ${explanationId}`));
  };
}

describe('SaliencyView', () => {
  it('lists the runs newest first and shows a finished job’s runs, the first one as the band', async () => {
    const reader = new FakeReader();
    const view = new SaliencyView(reader, 1, () => 360);
    await view.refresh();
    expect(view.runs.map((r) => r.key)).toEqual(['5:occlusion', '3:integrated-gradients']);
    expect(view.shown).toEqual([]);
    expect(reader.reads).toEqual([]);

    await view.refresh({ jobId: 3, methods: ['integrated-gradients'] });
    expect(view.shown).toEqual(['3:integrated-gradients']);
    expect(reader.reads).toEqual([1, 2]);
    expect(view.scene.band?.key).toBe('3:integrated-gradients');
    const track = view.scene.layers[0]?.track;
    expect(track).toMatchObject({ startSample: 0, length: 8, channels: [0, 1], rateHz: 360 });
    // Segments: the top 5 % of 16 entries is 1 entry, the largest positive value (8 at row 2, lead 0).
    expect(view.focus?.segments.map((s) => [s.feature, s.start, s.end])).toEqual([[0, 2, 3]]);
  });

  it('shows and hides runs, reading maps once, and moves the band to a shown run', async () => {
    const reader = new FakeReader();
    const view = new SaliencyView(reader, 1, () => 360);
    await view.refresh({ jobId: 3, methods: ['integrated-gradients'] });
    await view.toggle('5:occlusion', true);
    expect(view.shown).toEqual(['3:integrated-gradients', '5:occlusion']);
    expect(view.layers.map((l) => l.layer.short)).toEqual(['IG', 'Occ']);
    expect(view.layers[1]?.layer.shown.legend).toBe('mask in [0, 1], shown as it is');
    view.focusOn('5:occlusion');
    expect(view.scene.band?.key).toBe('5:occlusion');
    await view.toggle('5:occlusion', false);
    expect(view.scene.band?.key).toBe('3:integrated-gradients');
    await view.toggle('5:occlusion', true);
    expect(reader.reads).toEqual([1, 2, 3]);
    view.band = false;
    expect(view.scene.band).toBeNull();
  });

  it("shows a job's runs in the order of its methods, whichever finished first", async () => {
    const ig = explanationSummary(21, 0, 1, 1, { jobId: 9, createdAt: '2026-01-03T00:00:01Z' });
    const occ = explanationSummary(22, 0, 1, 1, { jobId: 9, method: 'occlusion', createdAt: '2026-01-03T00:00:00Z' });
    let stored = [occ];
    const view = new SaliencyView(
      {
        listExplanations: () => Promise.resolve({ explanations: stored }),
        readExplanation: ({ explanationId }) =>
          Promise.resolve(explanationMap(explanationId, 0, [[1]], explanationId === 22 ? occ : ig)),
      },
      1,
      () => 360,
    );
    const job = { jobId: 9, methods: ['integrated-gradients', 'occlusion'] };
    await view.refresh(job);
    expect(view.shown).toEqual(['9:occlusion']);
    stored = [occ, ig];
    await view.refresh(job);
    expect(view.shown).toEqual(['9:integrated-gradients', '9:occlusion']);
    // The band stays on the run that arrived first.
    expect(view.scene.band?.key).toBe('9:occlusion');
  });

  it('says when the maps cannot be read', async () => {
    const reader = new FakeReader();
    reader.readExplanation = () => Promise.reject(new Error('the study is closed'));
    const view = new SaliencyView(reader, 1, () => 360);
    await view.refresh();
    await view.toggle('5:occlusion', true);
    expect(view.shown).toEqual([]);
    expect(view.error).toBe('Could not read the explanation: the study is closed');
  });
});
