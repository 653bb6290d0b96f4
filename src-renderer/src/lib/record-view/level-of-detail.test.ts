import { describe, expect, it } from 'vitest';
import { MAX_WINDOW_SAMPLES } from '$api/contract';
import {
  blockRequest,
  blockServes,
  detailFor,
  envelopeBins,
  MAX_SAMPLES_PER_READ,
  spanRequest,
  widen,
  type TraceBlock,
} from './level-of-detail';

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
  it('reads the view and one view-width either side, inside the channel', () => {
    expect(widen({ start: 1000, end: 2000 }, 1, 10_000)).toEqual({ start: 0, end: 3000 });
    expect(widen({ start: 9000, end: 9500 }, 1, 10_000)).toEqual({ start: 8500, end: 10_000 });
    expect(blockRequest({ start: 5000, end: 6000 }, 2, 10_000)).toEqual({
      detail: 'samples',
      start: 4000,
      count: 3000,
    });
  });

  it('asks for the bins the store answers with, from a bin of its level', () => {
    expect(envelopeBins(32)).toEqual({ levelBin: 32, samplesPerBin: 32 });
    expect(envelopeBins(100)).toEqual({ levelBin: 32, samplesPerBin: 96 });
    expect(envelopeBins(600)).toEqual({ levelBin: 512, samplesPerBin: 512 });
    expect(envelopeBins(10_547)).toEqual({ levelBin: 8192, samplesPerBin: 8192 });
    const request = blockRequest({ start: 1_000_000, end: 1_600_000 }, 600, 21_600_000);
    expect(request).toMatchObject({ detail: 'envelope', start: 399_872, samplesPerBin: 512 });
    expect(request.detail === 'envelope' ? request.reads : []).toEqual([
      { start: 399_872, count: 1_800_192, bins: 3516 },
    ]);
  });

  it('knows the API’s limit on samples per read', () => {
    expect(MAX_SAMPLES_PER_READ).toBe(MAX_WINDOW_SAMPLES);
  });

  it('splits an envelope read that would pass the API’s limit on samples per read', () => {
    // A whole day at 250 Hz across 1,150 px: six reads of at most 2^22 samples, whole bins each.
    const request = spanRequest({ start: 0, end: 21_600_000 }, 21_600_000 / 1150);
    if (request.detail !== 'envelope') throw new Error('expected an envelope');
    expect(request.samplesPerBin).toBe(16_384);
    expect(request.reads.map((read) => read.start)).toEqual([
      0, 4_194_304, 8_388_608, 12_582_912, 16_777_216, 20_971_520,
    ]);
    expect(request.reads.every((read) => read.count <= MAX_WINDOW_SAMPLES && read.count === read.bins * 16_384)).toBe(
      true,
    );
    expect(request.reads.at(-1)?.start).toBeLessThan(21_600_000);
    expect((request.reads.at(-1)?.start ?? 0) + (request.reads.at(-1)?.count ?? 0)).toBeGreaterThanOrEqual(21_600_000);
  });
});
