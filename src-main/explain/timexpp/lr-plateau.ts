/**
 * PyTorch's ReduceLROnPlateau as TimeX++'s recipes use it (timexpp.md §2.9, §12): mode 'max',
 * relative threshold, cooldown 0. After more than `patience` epochs without an improvement the
 * rate is multiplied by `factor` (not below `minLr`; a change under 1e−8 is ignored).
 */
export class ReduceLrOnPlateau {
  private best = -Infinity;
  private badEpochs = 0;

  constructor(
    public lr: number,
    private readonly options = { factor: 0.1, patience: 5, threshold: 1e-5, minLr: 1e-8 },
  ) {}

  /** Takes the epoch's metric; returns the rate for the next epoch. */
  step(metric: number): number {
    if (metric > this.best * (1 + this.options.threshold)) {
      this.best = metric;
      this.badEpochs = 0;
    } else {
      this.badEpochs++;
    }
    if (this.badEpochs > this.options.patience) {
      const reduced = Math.max(this.lr * this.options.factor, this.options.minLr);
      if (this.lr - reduced > 1e-8) this.lr = reduced;
      this.badEpochs = 0;
    }
    return this.lr;
  }
}
