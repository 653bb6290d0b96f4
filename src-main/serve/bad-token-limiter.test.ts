import { describe, expect, it } from 'vitest';
import { BadTokenLimiter } from './bad-token-limiter';

function limiter(): { limiter: BadTokenLimiter; advance: (ms: number) => void } {
  let now = 1_000_000;
  return {
    limiter: new BadTokenLimiter({ maxFailures: 3, windowMs: 10_000, blockMs: 30_000, now: () => now }),
    advance: (ms) => (now += ms),
  };
}

describe('BadTokenLimiter', () => {
  it('blocks after more wrong tokens than allowed within the window, for the block time', () => {
    const { limiter: l, advance } = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure();
    expect(l.retryAfterSeconds()).toBe(0);
    l.recordFailure();
    expect(l.retryAfterSeconds()).toBe(30);
    advance(29_500);
    expect(l.retryAfterSeconds()).toBe(1);
    advance(500);
    expect(l.retryAfterSeconds()).toBe(0);
  });

  it('forgets wrong tokens older than the window', () => {
    const { limiter: l, advance } = limiter();
    for (let i = 0; i < 10; i++) {
      l.recordFailure();
      advance(4_000);
    }
    expect(l.retryAfterSeconds()).toBe(0);
  });

  it('starts counting afresh after a block', () => {
    const { limiter: l, advance } = limiter();
    for (let i = 0; i < 4; i++) l.recordFailure();
    advance(30_000);
    for (let i = 0; i < 3; i++) l.recordFailure();
    expect(l.retryAfterSeconds()).toBe(0);
  });
});
