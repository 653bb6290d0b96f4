/**
 * Time left, from the pace since this run began: a resumed job's checkpointed part does not
 * count as work done at this run's speed. Null until the job has moved.
 */
export class EtaEstimator {
  private origin: { atMs: number; fraction: number } | null = null;

  constructor(private readonly nowMs: () => number = () => performance.now()) {}

  estimate(fraction: number): number | null {
    const atMs = this.nowMs();
    if (this.origin === null) {
      this.origin = { atMs, fraction };
      return null;
    }
    const gained = fraction - this.origin.fraction;
    const elapsedSec = (atMs - this.origin.atMs) / 1000;
    if (gained <= 0 || elapsedSec <= 0) return null;
    return (elapsedSec / gained) * Math.max(0, 1 - fraction);
  }
}
