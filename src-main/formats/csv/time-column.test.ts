import { describe, expect, it } from 'vitest';
import { TimeColumn, UniformTimes } from './time-column';

describe('TimeColumn', () => {
  it('tells seconds from ISO 8601 by the first cell', () => {
    expect(TimeColumn.kindOf('0.004')).toBe('seconds');
    expect(TimeColumn.kindOf('2101-03-04 10:00:00.5')).toBe('iso');
    expect(TimeColumn.kindOf('10:00')).toBeNull();
  });

  it('measures ISO times from the first one, across zones', () => {
    const column = new TimeColumn('iso', 1);
    expect(column.seconds('2020-03-29T01:59:59.250+01:00')).toBe(0.25);
    expect(column.seconds('2020-03-29T01:00:00.250Z')).toBe(1.25);
    expect(column.seconds('2020-13-01T00:00:00')).toBeUndefined();
  });

  it('scales a millisecond column', () => {
    expect(new TimeColumn('seconds', 0.001).seconds('250')).toBe(0.25);
  });
});

describe('UniformTimes', () => {
  function rateOf(times: readonly number[], tolerance = 0.25): number | string {
    const uniform = new UniformTimes(tolerance);
    for (const time of times) {
      const problem = uniform.add(time);
      if (problem !== null) return problem;
    }
    return uniform.rateHz();
  }

  it('rounds to a whole rate when every row still fits it', () => {
    expect(rateOf(Array.from({ length: 1000 }, (_, i) => Math.round((i * 1000) / 360) / 1000))).toBe(360);
    expect(rateOf([10, 10.5, 11, 11.5])).toBe(2);
    expect(rateOf(Array.from({ length: 100 }, (_, i) => i / 12.8))).toBe(12.8);
  });

  it('refuses a missing row, and times that do not increase', () => {
    expect(rateOf([0, 1, 2, 3, 5, 6, 7])).toBe('evenly spaced times');
    expect(rateOf([0, 1, 1])).toBe('a time later than the row before');
  });
});
