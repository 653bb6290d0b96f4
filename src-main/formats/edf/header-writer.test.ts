import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fitNumber } from './header-writer';

describe('fitNumber', () => {
  it('keeps short numbers as they are', () => {
    expect(fitNumber(-1000, 8, 'down')).toBe('-1000');
    expect(fitNumber(2.5, 8, 'up')).toBe('2.5');
  });

  it.each([-0.123456789, 0.987654321, 1234.56789, -98765.4321, 1e-9, -1e-9, 12345678.9])(
    'fits %s into 8 characters rounded outward',
    (value) => {
      const low = fitNumber(value, 8, 'down');
      const high = fitNumber(value, 8, 'up');
      expect(low.length).toBeLessThanOrEqual(8);
      expect(high.length).toBeLessThanOrEqual(8);
      expect(Number(low)).toBeLessThanOrEqual(value);
      expect(Number(high)).toBeGreaterThanOrEqual(value);
      expect(Number(high) - Number(low)).toBeLessThanOrEqual(1.0001e-5 * Math.max(1, Math.abs(value)));
    },
  );

  it('refuses a number that no 8 characters hold', () => {
    expect(() => fitNumber(-123456789, 8, 'down')).toThrow(AppError);
  });
});
