import type { RecordInfo, SignalWindow } from '$api/contract';

/** Records sampled slower than once a second are feature series (ICU stays), not waveforms. */
export function isFeatureRecord(record: Pick<RecordInfo, 'channels'>): boolean {
  return record.channels.length > 0 && record.channels.every((channel) => channel.samplingRateHz < 1);
}

/** One ICU feature over the stay, with the range its lane and heatmap row are scaled to. */
export interface Feature {
  channel: number;
  name: string;
  units: string;
  values: Float32Array;
  /** Hours between samples. */
  hoursPerSample: number;
  /** Lowest and highest measured value; NaN when nothing was measured. */
  low: number;
  high: number;
}

export function featuresOf(record: RecordInfo, window: SignalWindow): Feature[] {
  return window.channels.flatMap(({ index, values }) => {
    const info = record.channels[index];
    if (info === undefined) return [];
    const [low, high] = rangeOf(values);
    return [
      {
        channel: index,
        name: info.name,
        units: info.units,
        values,
        hoursPerSample: 1 / info.samplingRateHz / 3600,
        low,
        high,
      },
    ];
  });
}

function rangeOf(values: Float32Array): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return low <= high ? [low, high] : [Number.NaN, Number.NaN];
}

/** Where a value sits in its feature's range, 0 to 1 (0.5 for a constant feature); NaN stays NaN. */
export function levelOf(feature: Feature, value: number): number {
  if (Number.isNaN(value)) return Number.NaN;
  return feature.high > feature.low ? (value - feature.low) / (feature.high - feature.low) : 0.5;
}

/** Hours the stay covers: the longest feature's length. */
export function stayHours(features: readonly Feature[]): number {
  return Math.max(1, ...features.map((f) => f.values.length * f.hoursPerSample));
}

/**
 * A perceptually even, colour-blind-safe ramp (viridis' end points and three stops between),
 * so a heatmap reads the same in light and dark themes.
 */
const RAMP: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export function heatColour(level: number): string {
  const at = Math.min(1, Math.max(0, level)) * (RAMP.length - 1);
  const low = Math.floor(at);
  const high = Math.min(RAMP.length - 1, low + 1);
  const t = at - low;
  const [r, g, b] = [0, 1, 2].map((i) => Math.round((RAMP[low]?.[i] ?? 0) * (1 - t) + (RAMP[high]?.[i] ?? 0) * t));
  return `rgb(${r} ${g} ${b})`;
}

/** A feature value as the analyst reads it: three significant digits, units after. */
export function featureValue(value: number, units: string): string {
  if (Number.isNaN(value)) return 'not measured';
  const text = Math.abs(value) >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(3)));
  return units === '' ? text : `${text} ${units}`;
}
