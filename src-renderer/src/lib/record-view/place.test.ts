import { describe, expect, it } from 'vitest';
import { parseRoute, recordHash } from './place';

describe('the place in the address bar', () => {
  it('opens the record list without a record', () => {
    expect(parseRoute('')).toEqual({ view: 'records' });
    expect(parseRoute('#/')).toEqual({ view: 'records' });
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(parseRoute('#/settings/more')).toEqual({ view: 'records' });
    expect(parseRoute('#/record/abc')).toEqual({ view: 'records' });
  });

  it('round-trips a record, its window, its leads and the gains set', () => {
    const place = { recordId: 12, startSec: 83.5, mmPerSec: 50, leads: [1, 0], gains: { 1: 20 }, heatmap: true };
    const hash = recordHash(place);
    expect(hash).toBe('#/record/12?t=83.5&speed=50&leads=1,0&gains=1:20&view=heatmap');
    expect(parseRoute(hash)).toEqual({ view: 'record', ...place });
  });

  it('keeps milliseconds and four significant digits of speed', () => {
    expect(recordHash({ recordId: 1, startSec: 1.23456, mmPerSec: 0.0138888 })).toBe(
      '#/record/1?t=1.235&speed=0.01389',
    );
  });

  it('ignores what it cannot read, and keeps the record', () => {
    expect(parseRoute('#/record/3?t=-4&speed=fast&leads=a,b&gains=0:-1&view=other')).toEqual({
      view: 'record',
      recordId: 3,
    });
  });
});
