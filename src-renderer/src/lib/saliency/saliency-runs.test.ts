import { describe, expect, it } from 'vitest';
import type { ExplanationSummary } from '$api/contract';
import { groupRuns, inMethodOrder, sharedWindows, shortName } from './saliency-runs';
import { explanationSummary } from './test-maps';

function summary(
  id: number,
  start: number,
  method: string,
  jobId: number | null,
  createdAt: string,
): ExplanationSummary {
  return explanationSummary(id, start, 1, 1, { method, jobId, createdAt });
}

const ig1 = summary(1, 360, 'integrated-gradients', 4, '2026-01-01T10:00:00Z');
const ig0 = summary(2, 0, 'integrated-gradients', 4, '2026-01-01T10:00:00Z');
const occ0 = summary(3, 0, 'occlusion', 5, '2026-01-01T11:00:00Z');
const lone = summary(4, 0, 'occlusion', null, '2026-01-01T09:00:00Z');

describe('inMethodOrder', () => {
  it("puts one job's runs in the order of its methods, in the places they hold, and leaves other runs be", () => {
    const job = groupRuns([
      summary(10, 0, 'occlusion', 8, '2026-01-01T12:00:00Z'),
      summary(11, 0, 'integrated-gradients', 8, '2026-01-01T12:00:01Z'),
      summary(12, 0, 'deeplift', 8, '2026-01-01T12:00:02Z'),
    ]);
    const methods = ['integrated-gradients', 'deeplift', 'occlusion'];
    expect(inMethodOrder(['8:occlusion', '5:occlusion', '8:deeplift', '8:integrated-gradients'], job, methods)).toEqual(
      ['8:integrated-gradients', '5:occlusion', '8:deeplift', '8:occlusion'],
    );
    expect(inMethodOrder(['4:integrated-gradients', '8:occlusion'], job, methods)).toEqual([
      '4:integrated-gradients',
      '8:occlusion',
    ]);
  });
});

describe('groupRuns', () => {
  it('groups by job and method, windows in time order, newest run first', () => {
    const runs = groupRuns([ig1, occ0, lone, ig0]);
    expect(runs.map((r) => [r.key, r.explanations.map((e) => e.id)])).toEqual([
      ['5:occlusion', [3]],
      ['4:integrated-gradients', [2, 1]],
      ['single-4:occlusion', [4]],
    ]);
  });
});

describe('sharedWindows', () => {
  it('lists the windows every run explained, with each run’s explanation of it', () => {
    const runs = groupRuns([ig1, ig0, occ0]);
    expect(sharedWindows(runs)).toEqual([{ startSample: 0, explanationIds: [3, 2] }]);
    expect(sharedWindows([])).toEqual([]);
  });
});

describe('shortName', () => {
  it('abbreviates methods for the strip labels', () => {
    expect(shortName('integrated-gradients')).toBe('IG');
    expect(shortName('occlusion')).toBe('Occ');
    expect(shortName('input-x-gradient')).toBe('IXG');
  });
});
