import type { MethodSummary } from './aggregate';
import type { MetricName } from './dataset-metrics';
import type { BenchMethod } from './method-settings';
import { PAPER_TABLES, tolerance } from './reference-tables';

export type Verdict =
  | { readonly kind: 'no-paper-row' }
  | { readonly kind: 'no-tolerance' }
  | { readonly kind: 'within' }
  | { readonly kind: 'outside'; readonly metrics: readonly MetricName[] };

/** Whether a method's 5-run means land within the spec's tolerance of the paper's, metric by metric. */
export function verdict(dataset: string, method: BenchMethod, summary: MethodSummary): Verdict {
  const paper = PAPER_TABLES[dataset]?.[method];
  if (!paper) return { kind: 'no-paper-row' };
  const allowed = tolerance(dataset, method);
  if (!allowed) return { kind: 'no-tolerance' };
  const outside = (Object.keys(allowed) as MetricName[]).filter((name) => {
    const ours = summary.metrics[name]?.mean ?? NaN;
    const theirs = paper[name]?.mean ?? NaN;
    // A hair of slack: the paper's means are rounded to two decimals.
    return !(Math.abs(ours - theirs) <= (allowed[name] ?? 0) + 1e-9);
  });
  return outside.length === 0 ? { kind: 'within' } : { kind: 'outside', metrics: outside };
}

export function describeVerdict(v: Verdict): string {
  switch (v.kind) {
    case 'no-paper-row':
      return 'no paper row';
    case 'no-tolerance':
      return 'no tolerance in the spec';
    case 'within':
      return 'within tolerance';
    case 'outside':
      return `outside tolerance: ${v.metrics.join(', ')}`;
  }
}
