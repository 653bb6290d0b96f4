import { describe, expect, it } from 'vitest';
import { blockRequest, blockServes, detailFor, envelopeAlignment, widen, type TraceBlock } from './level-of-detail';

function block(detail: TraceBlock['detail'], start: number, end: number, samplesPerBin: number): TraceBlock {
  const bins = Math.ceil((end - start) / samplesPerBin);
  return { detail, start, end, samplesPerBin, min: new Float32Array(bins), max: new Float32Array(bins) };
}

describe('detailFor', () => {
  it('reads raw samples below the finest envelope bin and the envelope from there', () => {
    expect(detailFor(0.5)).toBe('samples');
    expect(detailFor(31.9)).toBe('samples');
    expect(detailFor(32)).toBe('envelope');
    expect(detailFor(43200)).toBe('envelope');
  });
});

describe('blockServes', () => {
  const view = { start: 1000, end: 2000 };

  it('needs the block to cover the whole view', () => {
    expect(blockServes(block('samples', 0, 3000, 1), view, 1)).toBe(true);
    expect(blockServes(block('samples', 1500, 3000, 1), view, 1)).toBe(false);
    expect(blockServes(block('samples', 0, 1999, 1), view, 1)).toBe(false);
  });

  it('takes only raw samples where raw samples are called for', () => {
    expect(blockServes(block('envelope', 0, 3000, 32), view, 10)).toBe(false);
  });

  it('takes an envelope that is neither coarser than a column nor needlessly fine', () => {
    expect(blockServes(block('envelope', 0, 3000, 64), view, 100)).toBe(true);
    expect(blockServes(block('envelope', 0, 3000, 128), view, 100)).toBe(false);
    expect(blockServes(block('envelope', 0, 3000, 32), view, 1000)).toBe(false);
  });
});

describe('blockRequest', () => {
  it('fetches the view and one view-width either side, inside the channel', () => {
    expect(widen({ start: 1000, end: 2000 }, 1, 10_000)).toEqual({ start: 0, end: 3000 });
    expect(widen({ start: 9000, end: 9500 }, 1, 10_000)).toEqual({ start: 8500, end: 10_000 });
    expect(blockRequest({ start: 5000, end: 6000 }, 2, 10_000)).toEqual({
      detail: 'samples',
      start: 4000,
      count: 3000,
      bins: 1500,
    });
  });

  it('starts envelope requests on a bin of every level the store may choose', () => {
    expect(envelopeAlignment(32)).toBe(32);
    expect(envelopeAlignment(100)).toBe(128);
    expect(envelopeAlignment(600)).toBe(2048);
    const request = blockRequest({ start: 1_000_000, end: 1_600_000 }, 600, 21_600_000);
    expect(request.detail).toBe('envelope');
    expect(request.start % 2048).toBe(0);
    expect(request.start).toBeLessThanOrEqual(400_000);
    expect(request.start + request.count).toBe(2_200_000);
    expect(request.bins).toBe(Math.ceil(request.count / 600));
  });
});
