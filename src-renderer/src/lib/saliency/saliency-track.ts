import type { ExplanationMap } from '$api/contract';

export type SaliencyScale = ExplanationMap['scale'];

/**
 * One run's saliency along the record: the maps of its windows laid on one time axis, so that
 * strips, bands and segments are drawn and ranked over everything the run explained.
 */
export interface SaliencyTrack {
  /** Record sample (at `rateHz`) of the first row. */
  startSample: number;
  rateHz: number;
  /** Rows (samples) and columns (the record's channels, `channels`). */
  length: number;
  channels: readonly number[];
  /** [length, channels.length], row-major; NaN where no window of the run reached. */
  values: Float32Array;
  scale: SaliencyScale;
}

/**
 * Lays maps of one method and one set of channels on one axis; where windows overlap, their
 * values are averaged.
 */
export function trackOf(maps: readonly ExplanationMap[], rateHz: number): SaliencyTrack {
  const first = maps[0];
  if (first === undefined) throw new Error('a saliency track needs at least one map');
  const startSample = Math.min(...maps.map((m) => m.startSample));
  const length = Math.max(...maps.map((m) => m.startSample + m.windowLength)) - startSample;
  const features = first.featureCount;
  const sums = new Float64Array(length * features);
  const counts = new Uint16Array(length);
  for (const map of maps) {
    const offset = map.startSample - startSample;
    for (let t = 0; t < map.windowLength; t++) {
      counts[offset + t] = (counts[offset + t] ?? 0) + 1;
      for (let f = 0; f < features; f++) {
        const at = (offset + t) * features + f;
        sums[at] = (sums[at] ?? 0) + (map.saliency[t * features + f] ?? 0);
      }
    }
  }
  const values = new Float32Array(length * features);
  for (let i = 0; i < values.length; i++) values[i] = (sums[i] ?? 0) / (counts[Math.floor(i / features)] || NaN);
  return { startSample, rateHz, length, channels: first.channelIndices, values, scale: first.scale };
}

/** The run's value of `channel` at record sample `sample`, or NaN. */
export function trackValue(track: SaliencyTrack, channel: number, sample: number): number {
  const f = track.channels.indexOf(channel);
  const t = sample - track.startSample;
  if (f < 0 || t < 0 || t >= track.length) return Number.NaN;
  return track.values[t * track.channels.length + f] ?? Number.NaN;
}
