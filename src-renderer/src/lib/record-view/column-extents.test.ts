import { describe, expect, it } from 'vitest';
import { ColumnExtents, foldColumns } from './column-extents';
import type { TraceBlock } from './level-of-detail';

function samples(start: number, values: number[]): TraceBlock {
  const array = Float32Array.from(values);
  return { detail: 'samples', start, end: start + values.length, samplesPerBin: 1, min: array, max: array };
}

function columns(count: number): ColumnExtents {
  const extents = new ColumnExtents();
  extents.reset(count);
  return extents;
}

describe('foldColumns', () => {
  it('takes the min and max of the samples under each column', () => {
    const into = columns(3);
    expect(foldColumns(samples(0, [1, 5, 2, -3, 0, 0]), 0, 2, into)).toEqual([0, 3]);
    expect([...into.min]).toEqual([1, -3, 0]);
    expect([...into.max]).toEqual([5, 2, 0]);
  });

  it('folds envelope bins, each column taking every bin it overlaps', () => {
    const envelope: TraceBlock = {
      detail: 'envelope',
      start: 0,
      end: 400,
      samplesPerBin: 100,
      min: Float32Array.from([0, -1, -2, -3]),
      max: Float32Array.from([1, 2, 3, 4]),
    };
    const into = columns(2);
    foldColumns(envelope, 50, 150, into);
    expect([...into.min]).toEqual([-1, -3]);
    expect([...into.max]).toEqual([2, 4]);
  });

  it('gives each column its bin when zoomed in beyond the block', () => {
    const envelope: TraceBlock = {
      detail: 'envelope',
      start: 0,
      end: 200,
      samplesPerBin: 100,
      min: Float32Array.from([0, 5]),
      max: Float32Array.from([1, 6]),
    };
    const into = columns(4);
    foldColumns(envelope, 0, 50, into);
    expect([...into.max]).toEqual([1, 1, 6, 6]);
  });

  it('writes only the columns the block reaches, so a coarser one can fill the rest', () => {
    const into = columns(6);
    expect(foldColumns(samples(4, [7, 7, 7, 7]), 0, 2, into)).toEqual([2, 4]);
    expect(Number.isNaN(into.min[1] as number)).toBe(true);
    expect(into.min[2]).toBe(7);
    expect(Number.isNaN(into.min[4] as number)).toBe(true);
    expect(foldColumns(samples(100, [1]), 0, 2, into)).toEqual([0, 0]);
  });

  it('leaves a gap where the samples are missing', () => {
    const into = columns(3);
    foldColumns(samples(0, [1, Number.NaN, 3]), 0, 1, into);
    expect(Number.isNaN(into.min[1] as number)).toBe(true);
    expect(into.min[2]).toBe(3);
  });

  it('stays within the columns it was given', () => {
    const into = columns(4);
    expect(foldColumns(samples(0, [1, 2, 3, 4]), 0, 1, into, 1, 3)).toEqual([1, 3]);
    expect(Number.isNaN(into.min[0] as number)).toBe(true);
    expect(Number.isNaN(into.min[3] as number)).toBe(true);
  });
});
