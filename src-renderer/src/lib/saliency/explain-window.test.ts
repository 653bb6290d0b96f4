import { describe, expect, it } from 'vitest';
import { AnnotationIndex } from '../record-view/annotation-index';
import { annotation, beatAt, featureRecord, HOURLY, RATE, twoLeadRecord } from '../record-view/test-fixtures';
import { beatNear, modelMismatch, spanOfBeat, spanOfRange, spanOfView, spanText } from './explain-window';
import { beatModel as model } from './test-maps';

describe('explain spans', () => {
  it('take the whole windows of the record’s grid that the view shows', () => {
    expect(spanOfView(12.0001, 9.7, model, 1800)).toEqual({ fromSec: 13, toSec: 21, windows: 8 });
    expect(spanOfView(12, 9.7, model, 1800)).toEqual({ fromSec: 12, toSec: 21, windows: 9 });
    expect(spanOfView(1799.5, 9.7, model, 1800)).toBeNull();
  });

  it('cover a caliper range with the grid’s windows, or centre one window on a short one', () => {
    expect(spanOfRange(14, 10.5, model, 1800)).toEqual({ fromSec: 10, toSec: 14, windows: 4 });
    expect(spanOfRange(14.2, 10.5, model, 1800)).toEqual({ fromSec: 10, toSec: 15, windows: 5 });
    expect(spanOfRange(10.1, 10.4, model, 1800)).toEqual({ fromSec: 9.75, toSec: 10.75, windows: 1 });
  });

  it('centre one window on a beat, inside the record near its ends', () => {
    expect(spanOfBeat(100.25, model, 1800)).toEqual({ fromSec: 99.75, toSec: 100.75, windows: 1 });
    expect(spanOfBeat(0.1, model, 1800)).toEqual({ fromSec: 0, toSec: 1, windows: 1 });
    expect(spanOfBeat(1799.9, model, 1800)).toEqual({ fromSec: 1799, toSec: 1800, windows: 1 });
    expect(spanOfBeat(0.1, model, 0.5)).toBeNull();
  });
});

describe('spanText', () => {
  it('states the windows on the record’s own axis: an ECG’s clock, an ICU stay’s hours', () => {
    expect(spanText(twoLeadRecord, { fromSec: 12, toSec: 21, windows: 9 })).toBe('0:00:12.00–0:00:21.00, 9 windows');
    expect(spanText(featureRecord([HOURLY]), { fromSec: 0, toSec: 48 * 3600, windows: 1 })).toBe('0–48 h, 1 window');
    expect(spanText(twoLeadRecord, null)).toBe('not available');
  });
});

describe('modelMismatch', () => {
  it('accepts a record with the leads at the rate, and names what is missing otherwise', () => {
    expect(modelMismatch(model, twoLeadRecord)).toBeNull();
    expect(modelMismatch({ ...model, channelNames: ['mlii', 'V1'] }, twoLeadRecord)).toBe('needs lead V1');
    expect(modelMismatch({ ...model, samplingRateHz: 250 }, twoLeadRecord)).toBe('needs MLII at 250 Hz');
  });
});

describe('beatNear', () => {
  it('finds the nearest beat within reach, passing over rhythm and other marks', () => {
    const index = new AnnotationIndex(
      [beatAt(10, 'N'), annotation(Math.round(10.9 * RATE), '+', '(N'), beatAt(11.5, 'V'), annotation(11 * RATE, '~')],
      RATE,
    );
    expect(beatNear(index, 11, 2)).toEqual({ timeSec: 11.5, symbol: 'V' });
    expect(beatNear(index, 10.2, 2)).toEqual({ timeSec: 10, symbol: 'N' });
    expect(beatNear(index, 20, 2)).toBeNull();
  });
});
