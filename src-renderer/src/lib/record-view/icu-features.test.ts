import { describe, expect, it } from 'vitest';
import { featuresOf, featureValue, heatColour, isFeatureRecord, levelOf, stayHours } from './icu-features';
import { HOURLY as hourly, featureRecord as record } from './test-fixtures';

describe('ICU features', () => {
  it('are records sampled slower than once a second', () => {
    expect(isFeatureRecord(record([hourly, hourly]))).toBe(true);
    expect(isFeatureRecord(record([360, 360]))).toBe(false);
    expect(isFeatureRecord(record([]))).toBe(false);
  });

  it('keep each feature’s range, skipping hours without a measurement', () => {
    const stay = record([hourly, hourly]);
    const features = featuresOf(stay, {
      start: 0,
      channels: [
        { index: 0, values: Float32Array.from([80, Number.NaN, 120, 100]) },
        { index: 1, values: Float32Array.from([Number.NaN, Number.NaN]) },
      ],
    });
    expect(features[0]).toMatchObject({ name: 'HeartRate', units: 'bpm', low: 80, high: 120, hoursPerSample: 1 });
    expect(Number.isNaN(features[1]?.low)).toBe(true);
    expect(stayHours(features)).toBe(4);
  });

  it('place values in their feature’s range for the heatmap', () => {
    const feature = {
      channel: 0,
      name: 'HR',
      units: 'bpm',
      values: new Float32Array(0),
      hoursPerSample: 1,
      low: 80,
      high: 120,
    };
    expect(levelOf(feature, 100)).toBe(0.5);
    expect(levelOf(feature, 120)).toBe(1);
    expect(Number.isNaN(levelOf(feature, Number.NaN))).toBe(true);
    expect(levelOf({ ...feature, high: 80 }, 80)).toBe(0.5);
  });

  it('colour the heatmap from dark purple to yellow', () => {
    expect(heatColour(0)).toBe('rgb(68 1 84)');
    expect(heatColour(1)).toBe('rgb(253 231 37)');
    expect(heatColour(2)).toBe('rgb(253 231 37)');
    expect(heatColour(0.5)).toBe('rgb(33 145 140)');
  });

  it('write values with their units', () => {
    expect(featureValue(36.56, '°C')).toBe('36.6 °C');
    expect(featureValue(121.4, 'mmHg')).toBe('121 mmHg');
    expect(featureValue(1, '')).toBe('1');
    expect(featureValue(Number.NaN, 'bpm')).toBe('not measured');
  });
});
