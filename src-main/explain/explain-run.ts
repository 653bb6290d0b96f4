import type { ExplainInfo, ExplainRequest } from './explainer';

/**
 * What every explainer does around its work: the clock, the count of steps (model evaluations or
 * gradient batches), progress after each step and a cancellation check before it.
 */
export class ExplainRun {
  private readonly started = performance.now();
  private done = 0;
  private planned = 0;

  constructor(
    private readonly request: ExplainRequest<unknown>,
    private readonly phase: string,
  ) {}

  /** Announces `steps` more steps (progress reports "step of steps"). */
  plan(steps: number): void {
    this.planned += steps;
  }

  /** Before a step: stops here when cancel was asked. */
  check(): void {
    this.request.cancel?.throwIfCancelled();
  }

  /** After a step. */
  step(): void {
    this.done++;
    this.request.onProgress?.({ step: this.done, steps: Math.max(this.planned, this.done), phase: this.phase });
  }

  info(
    method: string,
    targets: readonly number[],
    extra: Pick<ExplainInfo, 'diagnostics' | 'notes'> = {},
  ): ExplainInfo {
    return {
      method,
      params: this.request.params as Readonly<Record<string, unknown>>,
      seed: this.request.seed,
      targets,
      steps: this.done,
      runtimeMs: performance.now() - this.started,
      ...extra,
    };
  }
}
