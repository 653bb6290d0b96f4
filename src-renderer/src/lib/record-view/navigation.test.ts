import { describe, expect, it } from 'vitest';
import {
  clampViewport,
  ladderSpeed,
  MAX_SPEED_MM_PER_SEC,
  minSpeed,
  navigate,
  pxPerSec,
  wheelZoomFactor,
  windowSec,
  type ViewFrame,
} from './navigation';

/** 1000 px at 4 px/mm: a 10-second window at 25 mm/s, over a 30-minute record. */
const frame: ViewFrame = { widthPx: 1000, pxPerMm: 4, durationSec: 1800 };
const standard = { startSec: 100, mmPerSec: 25 };

describe('the window', () => {
  it('is as long as the lanes are wide at the paper speed', () => {
    expect(pxPerSec(standard, frame)).toBe(100);
    expect(windowSec(standard, frame)).toBe(10);
    expect(windowSec({ startSec: 0, mmPerSec: 50 }, frame)).toBe(5);
  });

  it('stays inside the record', () => {
    expect(clampViewport({ startSec: -5, mmPerSec: 25 }, frame).startSec).toBe(0);
    expect(clampViewport({ startSec: 1799, mmPerSec: 25 }, frame).startSec).toBe(1790);
  });

  it('zooms out no further than the whole record and in no further than 400 mm/s', () => {
    expect(minSpeed(frame)).toBeCloseTo(250 / 1800);
    expect(clampViewport({ startSec: 0, mmPerSec: 0.001 }, frame).mmPerSec).toBeCloseTo(250 / 1800);
    expect(clampViewport({ startSec: 0, mmPerSec: 1e6 }, frame).mmPerSec).toBe(MAX_SPEED_MM_PER_SEC);
  });

  it('keeps a record shorter than the lanes at 25 mm/s, from its start, and fits it on request', () => {
    const short = { ...frame, durationSec: 5 };
    expect(clampViewport({ startSec: 3, mmPerSec: 25 }, short)).toEqual({ startSec: 0, mmPerSec: 25 });
    expect(navigate(standard, { kind: 'end' }, short).startSec).toBe(0);
    expect(navigate(standard, { kind: 'zoom-step', steps: -1 }, short).mmPerSec).toBe(25);
    expect(navigate(standard, { kind: 'show-whole' }, short)).toEqual({ startSec: 0, mmPerSec: 50 });
  });
});

describe('navigate', () => {
  it('pages and steps like EDFbrowser: a window with PgDn, a tenth with an arrow', () => {
    expect(navigate(standard, { kind: 'pan-windows', windows: 1 }, frame).startSec).toBe(110);
    expect(navigate(standard, { kind: 'pan-windows', windows: -0.1 }, frame).startSec).toBe(99);
    expect(navigate(standard, { kind: 'pan-seconds', seconds: 2.5 }, frame).startSec).toBe(102.5);
  });

  it('goes to either end', () => {
    expect(navigate(standard, { kind: 'home' }, frame).startSec).toBe(0);
    expect(navigate(standard, { kind: 'end' }, frame).startSec).toBe(1790);
  });

  it('keeps the centre in place when zooming by keys', () => {
    const faster = navigate(standard, { kind: 'zoom-step', steps: 1 }, frame);
    expect(faster.mmPerSec).toBe(50);
    expect(faster.startSec + windowSec(faster, frame) / 2).toBeCloseTo(105);
  });

  it('keeps the time under the pointer in place when zooming by wheel', () => {
    const anchorSec = 102;
    const zoomed = navigate(standard, { kind: 'zoom-by', factor: 1.7, anchorSec }, frame);
    const anchorPxBefore = (anchorSec - standard.startSec) * pxPerSec(standard, frame);
    const anchorPxAfter = (anchorSec - zoomed.startSec) * pxPerSec(zoomed, frame);
    expect(anchorPxAfter).toBeCloseTo(anchorPxBefore);
    expect(zoomed.mmPerSec).toBeCloseTo(42.5);
  });

  it('returns to 25 mm/s, centres on a time, and starts at a time', () => {
    expect(navigate({ startSec: 100, mmPerSec: 3 }, { kind: 'zoom-standard' }, frame).mmPerSec).toBe(25);
    expect(navigate(standard, { kind: 'centre-on', seconds: 500 }, frame).startSec).toBe(495);
    expect(navigate(standard, { kind: 'start-at', seconds: 500 }, frame).startSec).toBe(500);
  });
});

describe('ladderSpeed', () => {
  it('steps by doubling from 25 mm/s', () => {
    expect(ladderSpeed(25, 1)).toBe(50);
    expect(ladderSpeed(25, -2)).toBe(6.25);
  });

  it('snaps a speed between rungs to the next rung in the direction asked', () => {
    expect(ladderSpeed(30, 1)).toBe(50);
    expect(ladderSpeed(30, -1)).toBe(25);
    expect(ladderSpeed(20, 1)).toBe(25);
  });
});

describe('the wheel', () => {
  it('zoom in when the wheel turns away from the analyst', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1.15);
    expect(wheelZoomFactor(100)).toBeCloseTo(1 / wheelZoomFactor(-100));
    expect(wheelZoomFactor(0)).toBe(1);
  });
});
