import { describe, expect, it } from 'vitest';
import { clockDuration, samplingRate } from './clock';

describe('clockDuration', () => {
  it('shows h:mm:ss for records of a minute or more', () => {
    expect(clockDuration(650000 / 360)).toBe('0:30:06');
    expect(clockDuration(24 * 3600 + 61)).toBe('24:01:01');
    expect(clockDuration(60)).toBe('0:01:00');
  });

  it('shows seconds with milliseconds for short strips', () => {
    expect(clockDuration(10)).toBe('10.000 s');
    expect(clockDuration(0.5)).toBe('0.500 s');
  });

  it('shows a dash for impossible lengths', () => {
    expect(clockDuration(Number.NaN)).toBe('—');
    expect(clockDuration(-1)).toBe('—');
  });
});

describe('samplingRate', () => {
  it('writes slow rates as fractions, as MIMIC hourly data is described', () => {
    expect(samplingRate(360)).toBe('360');
    expect(samplingRate(62.5)).toBe('62.5');
    expect(samplingRate(1 / 3600)).toBe('1/3600');
    expect(samplingRate(1 / 60)).toBe('1/60');
  });
});
