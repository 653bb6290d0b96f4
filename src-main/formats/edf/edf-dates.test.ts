import { describe, expect, it } from 'vitest';
import { parseEdfPlusDate, parseHeaderDate, parseHeaderTime, shiftedIsoTime } from './edf-dates';

describe('EDF header dates', () => {
  it('applies the century rule: 85–99 → 19yy, 00–84 → 20yy', () => {
    expect(parseHeaderDate('31.12.85')).toEqual({ day: 31, month: 12, year: 1985 });
    expect(parseHeaderDate('01.01.84')).toEqual({ day: 1, month: 1, year: 2084 });
    expect(parseHeaderDate('01.06.yy')).toEqual({ day: 1, month: 6, year: null });
    expect(parseHeaderDate('01.13.00')).toBeNull();
    expect(parseHeaderTime('23.59.59')).toEqual({ hour: 23, minute: 59, second: 59 });
    expect(parseHeaderTime('24.00.00')).toBeNull();
  });

  it('reads EDF+ dd-MMM-yyyy and refuses impossible days', () => {
    expect(parseEdfPlusDate('30-JUN-1969')).toBe('1969-06-30');
    expect(parseEdfPlusDate('31-JUN-1969')).toBeNull();
    expect(parseEdfPlusDate('X')).toBeNull();
  });
});

describe('shiftedIsoTime', () => {
  const start = { year: 2020, month: 1, day: 24, hour: 4, minute: 5, second: 56 };

  it('keeps every digit of a sub-second onset', () => {
    expect(shiftedIsoTime(start, '+0.3945312')).toBe('2020-01-24T04:05:56.3945312');
    expect(shiftedIsoTime(start, '+86400.500')).toBe('2020-01-25T04:05:56.5');
  });

  it('borrows a second for a negative onset with a fraction', () => {
    expect(shiftedIsoTime(start, '-0.25')).toBe('2020-01-24T04:05:55.75');
    expect(shiftedIsoTime(start, '-2')).toBe('2020-01-24T04:05:54');
  });

  it('gives null for an onset no date can hold', () => {
    expect(shiftedIsoTime(start, `+${'9'.repeat(30)}`)).toBeNull();
  });
});
