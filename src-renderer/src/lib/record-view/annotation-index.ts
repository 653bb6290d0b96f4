import type { Annotation } from '$api/contract';

/** How an annotation is drawn: MIT codes grouped as analysts colour them. */
export type AnnotationTone = 'normal' | 'ventricular' | 'supraventricular' | 'rhythm' | 'other';

const tones: Readonly<Record<string, AnnotationTone>> = {
  N: 'normal',
  L: 'normal',
  R: 'normal',
  B: 'normal',
  e: 'normal',
  j: 'normal',
  V: 'ventricular',
  E: 'ventricular',
  F: 'ventricular',
  r: 'ventricular',
  '!': 'ventricular',
  A: 'supraventricular',
  a: 'supraventricular',
  J: 'supraventricular',
  S: 'supraventricular',
  n: 'supraventricular',
  '+': 'rhythm',
};

/** An MIT rhythm label such as "(AFIB": an analyst's rhythm segment is labelled with the rhythm itself. */
export function isRhythmLabel(symbol: string): boolean {
  return symbol.length > 1 && symbol.startsWith('(');
}

export function annotationTone(symbol: string): AnnotationTone {
  return tones[symbol] ?? (isRhythmLabel(symbol) ? 'rhythm' : 'other');
}

/**
 * What "next annotation of this label" searches for: the symbol, or for rhythm changes (`+`)
 * the rhythm itself, "+(AFIB", so that each rhythm can be walked through on its own.
 */
export function annotationLabel(symbol: string, aux: string | null): string {
  return symbol === '+' && aux !== null && aux !== '' ? `+${aux}` : symbol;
}

/**
 * A record's annotations sorted by time, in flat arrays so that drawing thousands of beats
 * per frame touches no objects; positions are found by binary search.
 */
export class AnnotationIndex {
  /** The annotations themselves, in time order. */
  readonly items: readonly Annotation[];
  readonly times: Float64Array;
  /** Where each segment ends, in seconds; NaN for an annotation at one instant. */
  readonly ends: Float64Array;
  /** Indices of the segments (annotations with an end), in time order. */
  readonly segments: readonly number[];
  readonly symbols: readonly string[];
  readonly labels: readonly string[];
  readonly aux: readonly (string | null)[];
  /** -1 for an annotation that belongs to every channel. */
  readonly channels: Int32Array;
  readonly frameRateHz: number;
  private byIdMap: Map<number, number> | null = null;

  constructor(annotations: readonly Annotation[], frameRateHz: number) {
    const sorted = [...annotations].sort((x, y) => x.sample - y.sample || x.id - y.id);
    this.items = sorted;
    this.frameRateHz = frameRateHz;
    this.times = Float64Array.from(sorted, (a) => a.sample / frameRateHz);
    this.ends = Float64Array.from(sorted, (a) => (a.endSample === null ? NaN : a.endSample / frameRateHz));
    this.segments = sorted.flatMap((a, i) => (a.endSample === null ? [] : [i]));
    this.symbols = sorted.map((a) => a.symbol);
    this.labels = sorted.map((a) => annotationLabel(a.symbol, a.aux));
    this.aux = sorted.map((a) => a.aux);
    this.channels = Int32Array.from(sorted, (a) => a.channel ?? -1);
  }

  get length(): number {
    return this.times.length;
  }

  /** The first index whose time is at or after `seconds`. */
  firstFrom(seconds: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.times[middle] as number) < seconds) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Indices `[from, to)` of the annotations in `[startSec, endSec)`. */
  within(startSec: number, endSec: number): [number, number] {
    return [this.firstFrom(startSec), this.firstFrom(endSec)];
  }

  /** The first annotation of `label` strictly after `seconds` (one microsecond counts as "after"). */
  next(label: string, seconds: number): number | null {
    for (let i = this.firstFrom(seconds + 1e-6); i < this.times.length; i++) if (this.labels[i] === label) return i;
    return null;
  }

  /** The last annotation of `label` strictly before `seconds`. */
  previous(label: string, seconds: number): number | null {
    for (let i = this.firstFrom(seconds - 1e-6) - 1; i >= 0; i--) if (this.labels[i] === label) return i;
    return null;
  }

  /** The annotation with this id, if the record has it. */
  byId(id: number): Annotation | undefined {
    this.byIdMap ??= new Map(this.items.map((a, i) => [a.id, i]));
    const i = this.byIdMap.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  /**
   * The annotation a click at `seconds` on `channel`'s lane means: the nearest one starting or
   * ending within `toleranceSec`, else the shortest segment around it; null when none.
   */
  hit(seconds: number, toleranceSec: number, channel: number): Annotation | null {
    const onLane = (i: number): boolean => this.channels[i] === -1 || this.channels[i] === channel;
    const [from, to] = this.within(seconds - toleranceSec, seconds + toleranceSec + 1e-9);
    const edges = [
      ...Array.from({ length: to - from }, (_, k) => ({ i: from + k, at: this.times[from + k] as number })),
      ...this.segments.map((i) => ({ i, at: this.ends[i] as number })),
    ].filter(({ i, at }) => onLane(i) && Math.abs(at - seconds) <= toleranceSec);
    const nearest = edges.sort((x, y) => Math.abs(x.at - seconds) - Math.abs(y.at - seconds))[0];
    if (nearest !== undefined) return this.items[nearest.i] ?? null;
    const around = this.segments
      .filter((i) => onLane(i) && (this.times[i] as number) <= seconds && seconds <= (this.ends[i] as number))
      .sort((x, y) => this.span(x) - this.span(y))[0];
    return around === undefined ? null : (this.items[around] ?? null);
  }

  private span(i: number): number {
    return (this.ends[i] as number) - (this.times[i] as number);
  }

  /** Labels with their counts, the most frequent first, as LightWAVE orders its palette. */
  labelCounts(): { label: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const label of this.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    return [...counts].map(([label, count]) => ({ label, count })).sort((x, y) => y.count - x.count);
  }
}
