export interface BadTokenLimits {
  /** Wrong tokens tolerated within `windowMs`; the next one blocks the server. */
  maxFailures: number;
  windowMs: number;
  /** How long every request is then answered 429, the right token included. */
  blockMs: number;
  now: () => number;
}

const defaultLimits: BadTokenLimits = { maxFailures: 10, windowMs: 60_000, blockMs: 60_000, now: Date.now };

/**
 * Slows down guessing of browser mode's token. Every client is on loopback, so the count is
 * the server's, not a client's. While blocked the server answers 429 even to the right token:
 * otherwise a 429 for a wrong guess and a 200 for the right one would still tell them apart.
 */
export class BadTokenLimiter {
  private readonly limits: BadTokenLimits;
  private failures: number[] = [];
  private blockedUntil = Number.NEGATIVE_INFINITY;

  constructor(limits: Partial<BadTokenLimits> = {}) {
    this.limits = { ...defaultLimits, ...limits };
  }

  /** Whole seconds until requests are answered again, or 0 when they are. */
  retryAfterSeconds(): number {
    return Math.max(0, Math.ceil((this.blockedUntil - this.limits.now()) / 1000));
  }

  recordFailure(): void {
    const now = this.limits.now();
    this.failures = this.failures.filter((at) => now - at < this.limits.windowMs);
    this.failures.push(now);
    if (this.failures.length > this.limits.maxFailures) {
      this.blockedUntil = now + this.limits.blockMs;
      this.failures = [];
    }
  }
}
