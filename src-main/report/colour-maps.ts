import type { StoredSaliencyScale } from '../store';

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
/** The ends of ColorBrewer's RdBu: blue for negative attributions, red for positive ones. */
const NEGATIVE: Rgb = [33, 102, 172];
const POSITIVE: Rgb = [178, 24, 43];
/** The dark end of ColorBrewer's Purples, for scores and masks that are never negative. */
const SEQUENTIAL: Rgb = [84, 39, 143];

/** Steps per half of a colour map: neighbouring cells of one step merge, which keeps the figures small. */
const LEVELS = 32;

/** Blue–white–red for t in [−1, 1] (clamped), white at 0. */
export function divergingColour(t: number): string {
  const level = quantise(Math.max(-1, Math.min(1, t)));
  return mix(level < 0 ? NEGATIVE : POSITIVE, Math.abs(level));
}

/** White to purple for t in [0, 1] (clamped). */
export function sequentialColour(t: number): string {
  return mix(SEQUENTIAL, quantise(Math.max(0, Math.min(1, t))));
}

/** How one explanation's values become colours, and the sentence that states it. */
export interface SaliencyColouring {
  readonly map: 'diverging' | 'sequential';
  /** The values drawn in full colour at the two ends of the legend. */
  readonly low: number;
  readonly high: number;
  readonly legend: string;
  /** A colour, or null for a missing value (NaN: nothing is drawn). */
  colour(value: number): string | null;
}

/**
 * Signed maps: diverging and symmetric about 0, |max| of the map in full colour. Non-negative
 * scores: sequential from 0 to the map's maximum. Masks: sequential over their fixed range [0, 1].
 */
export function saliencyColouring(scale: StoredSaliencyScale, values: ArrayLike<number>): SaliencyColouring {
  if (scale === 'unit-mask') {
    return {
      map: 'sequential',
      low: 0,
      high: 1,
      legend: 'mask in [0, 1]: 0 white, 1 full colour',
      colour: (v) => (Number.isNaN(v) ? null : sequentialColour(v)),
    };
  }
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i] as number);
    if (v > largest) largest = v;
  }
  const divisor = largest > 0 ? largest : 1;
  const stated = formatValue(largest);
  if (scale === 'signed') {
    return {
      map: 'diverging',
      low: -largest,
      high: largest,
      legend: `signed: |max| = ${stated} full colour (blue negative, red positive), 0 white`,
      colour: (v) => (Number.isNaN(v) ? null : divergingColour(v / divisor)),
    };
  }
  return {
    map: 'sequential',
    low: 0,
    high: largest,
    legend: `non-negative: max = ${stated} full colour, 0 white`,
    colour: (v) => (Number.isNaN(v) ? null : sequentialColour(v / divisor)),
  };
}

/** Three significant digits, without exponent noise for ordinary magnitudes. */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-3 && magnitude < 1e5 ? String(Number(value.toPrecision(3))) : value.toExponential(2);
}

function quantise(t: number): number {
  return Math.round(t * LEVELS) / LEVELS;
}

function mix(full: Rgb, amount: number): string {
  const channel = (i: number): string =>
    Math.round((WHITE[i] as number) + ((full[i] as number) - (WHITE[i] as number)) * amount)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
