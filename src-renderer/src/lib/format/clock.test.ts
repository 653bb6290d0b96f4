import { describe, expect, it } from 'vitest';
import { clockDuration, clockTime, parseClockTime, samplingRate } from './clock';

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

describe('clockTime', () => {
  it('writes positions with hours, minutes and seconds', () => {
    expect(clockTime(0)).toBe('0:00:00');
    expect(clockTime(3723)).toBe('1:02:03');
    expect(clockTime(86400)).toBe('24:00:00');
  });

  it('keeps the decimals asked for, carrying rounding into the seconds', () => {
    expect(clockTime(12.25, 2)).toBe('0:00:12.25');
    expect(clockTime(59.9996, 3)).toBe('0:01:00.000');
    expect(clockTime(0.5, 1)).toBe('0:00:00.5');
  });
});

describe('parseClockTime', () => {
  it('reads h:mm:ss, m:ss and plain seconds', () => {
    expect(parseClockTime('1:02:03.5')).toBe(3723.5);
    expect(parseClockTime('2:03')).toBe(123);
    expect(parseClockTime(' 75.25 ')).toBe(75.25);
  });

  it('refuses what is not a time', () => {
    expect(parseClockTime('')).toBeNull();
    expect(parseClockTime('abc')).toBeNull();
    expect(parseClockTime('1:75')).toBeNull();
    expect(parseClockTime('1.5:00')).toBeNull();
    expect(parseClockTime('1:2:3:4')).toBeNull();
  });
});
