import { describe, expect, it } from 'vitest';
import { timeLeft } from './job-progress';

describe('timeLeft', () => {
  it('says nothing without an estimate, seconds under a minute and a half, minutes beyond', () => {
    expect(timeLeft(null)).toBe('');
    expect(timeLeft(0.4)).toBe('almost done');
    expect(timeLeft(12.4)).toBe('about 12 s left');
    expect(timeLeft(200)).toBe('about 3 min left');
  });
});
