/** An RGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** A palette as evenly spaced stops from its low end to its high end. */
export interface Palette {
  name: string;
  /** The value at the first stop: −1 for diverging palettes, 0 for sequential ones. */
  low: number;
  stops: readonly Rgb[];
}

/**
 * Signed attributions: ColorBrewer RdBu reversed, blue against the class, white at zero, red for
 * it. Its light middle keeps weak attributions quiet on the paper.
 */
export const DIVERGING: Palette = {
  name: 'blue–white–red',
  low: -1,
  stops: [
    [33, 102, 172],
    [103, 169, 207],
    [209, 229, 240],
    [247, 247, 247],
    [253, 219, 199],
    [239, 138, 98],
    [178, 24, 43],
  ],
};

/**
 * Masks and non-negative scores: ColorBrewer YlGnBu, light to dark; blue-green so that it is
 * never taken for the red of the paper grid or the diverging palette's positive end.
 */
export const SEQUENTIAL: Palette = {
  name: 'yellow–green–blue',
  low: 0,
  stops: [
    [255, 255, 217],
    [199, 233, 180],
    [127, 205, 187],
    [65, 182, 196],
    [29, 145, 192],
    [34, 94, 168],
    [12, 44, 132],
  ],
};

/** The colour of `value` (clamped to the palette's range), linearly between the two nearest stops. */
export function colourAt(palette: Palette, value: number): Rgb {
  const span = palette.stops.length - 1;
  const position = ((Math.min(1, Math.max(palette.low, value)) - palette.low) / (1 - palette.low)) * span;
  const below = Math.min(span - 1, Math.floor(position));
  const share = position - below;
  const [a, b] = [palette.stops[below], palette.stops[below + 1]] as [Rgb, Rgb];
  const mix = (c: 0 | 1 | 2): number => Math.round(a[c] + share * (b[c] - a[c]));
  return [mix(0), mix(1), mix(2)];
}

export function cssRgb([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** A CSS linear gradient through the palette's stops, for legends. */
export function cssGradient(palette: Palette): string {
  return `linear-gradient(to right, ${palette.stops.map((stop) => cssRgb(stop)).join(', ')})`;
}

/**
 * How strongly a value shows: bands behind the trace fade with it, so that an unimportant sample
 * leaves the paper as it is. Diverging: its distance from 0; sequential: the value itself.
 */
export function emphasis(palette: Palette, value: number): number {
  return palette.low < 0 ? Math.min(1, Math.abs(value)) : Math.min(1, Math.max(0, value));
}
