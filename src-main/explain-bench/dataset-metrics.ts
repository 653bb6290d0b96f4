import type { Tensor } from '../engine';
import type { BenchmarkName } from '../datasets/benchmarks';
import {
  contralspRareAup,
  contralspRareAur,
  contralspRareEntropy,
  contralspRareInformation,
  tintAup,
  tintAur,
  tintEntropy,
  tintInformation,
  timexppScores,
} from '../metrics';

/** Every metric a table may have, in column order. */
export const METRIC_NAMES = ['AUP', 'AUR', 'I', 'S', 'AUPRC'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export type MetricValues = Partial<Record<MetricName, number>>;

/** The metrics of one dataset's paper table, in the table's units. */
export interface TableMetrics {
  readonly names: readonly MetricName[];
  /** The divisor behind a column's unit, e.g. I in 10^4 (the metric itself is a sum over salient entries). */
  readonly units: Readonly<Partial<Record<MetricName, number>>>;
  score(saliency: Tensor, truth: Tensor): MetricValues;
}

type Metric = (attributions: Tensor, truth: Tensor) => number;

function table(metrics: Readonly<Partial<Record<MetricName, Metric>>>, units: TableMetrics['units']): TableMetrics {
  const names = METRIC_NAMES.filter((name) => metrics[name] !== undefined);
  return {
    names,
    units,
    score: (saliency, truth) =>
      Object.fromEntries(names.map((name) => [name, (metrics[name]?.(saliency, truth) ?? NaN) / (units[name] ?? 1)])),
  };
}

/**
 * ContraLSP Table 1 (Rare sets): raw-score AUP/AUR on the shifted curve, I/10^4 and S/10^2 with
 * the ε-free normaliser. Table 2 (State, Switch-Feature): tint's white-box metrics, I/10^4 and
 * S/10^3. Both pool every explained entry (spec §6).
 */
export function tableMetrics(dataset: BenchmarkName): TableMetrics | undefined {
  if (dataset.startsWith('rare-')) {
    return table(
      { AUP: contralspRareAup, AUR: contralspRareAur, I: contralspRareInformation, S: contralspRareEntropy },
      { I: 1e4, S: 1e2 },
    );
  }
  if (dataset === 'state' || dataset === 'switch-feature') {
    return table({ AUP: tintAup, AUR: tintAur, I: tintInformation, S: tintEntropy }, { I: 1e4, S: 1e3 });
  }
  if (dataset === 'freqshapes' || dataset === 'seqcomb-uv' || dataset === 'seqcomb-mv' || dataset === 'lowvar') {
    // TimeX++ Table 1 (timexpp.md §7.2): per-sample min–max, AUPRC as the trapezoid area, means over samples.
    return table(
      {
        AUP: (a, t) => timexppScores(a, t).aup.mean,
        AUR: (a, t) => timexppScores(a, t).aur.mean,
        AUPRC: (a, t) => timexppScores(a, t).auprc.mean,
      },
      {},
    );
  }
  if (dataset === 'ecg-synth') {
    // TimeX++'s ECG table (timexpp.md §7.2): per-sample min–max, AUPRC as average precision, means over samples.
    return table(
      {
        AUP: (a, t) => timexppScores(a, t).aup.mean,
        AUR: (a, t) => timexppScores(a, t).aur.mean,
        AUPRC: (a, t) => timexppScores(a, t).averagePrecision.mean,
      },
      {},
    );
  }
  return undefined;
}
