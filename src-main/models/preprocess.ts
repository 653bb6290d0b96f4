import { butterworthBandPass, filterCausal, filterZeroPhase } from './band-pass';
import type { Section } from './band-pass';
import type { ModelCard } from './model-card';

/**
 * Turns windows [B, T, D] in physical units into what the model was trained on, in place: the
 * card's band-pass (when it has one), its filter, then (x − mean) / std per channel. A missing sample (NaN) becomes 0 after
 * standardising, i.e. the channel's training mean, so a gap does not poison the whole window.
 * Returns how many windows had missing samples.
 */
export function preprocessWindows(
  card: Pick<ModelCard, 'input' | 'preprocessing'>,
  windows: Float32Array,
  batch: number,
): number {
  const time = card.input.windowLength;
  const channels = card.input.channels.length;
  const { channelMean, channelStd, filter, bandPass } = card.preprocessing;
  const frame = time * channels;
  const sections = bandPass && butterworthBandPass({ ...bandPass, samplingRateHz: card.input.samplingRateHz });
  const run = bandPass?.phase === 'causal' ? filterCausal : filterZeroPhase;
  const series = new Float64Array(time);
  let withGaps = 0;
  for (let b = 0; b < batch; b++) {
    const base = b * frame;
    let gap = false;
    for (let d = 0; d < channels; d++) {
      if (sections) bandPassChannel(windows, base + d, channels, sections, run, series);
      const offset = filter === 'subtract-window-mean' ? windowMean(windows, base + d, time, channels) : 0;
      const mean = (channelMean[d] ?? 0) + offset;
      const std = channelStd[d] ?? 1;
      for (let t = 0, i = base + d; t < time; t++, i += channels) {
        const value = windows[i] as number;
        if (Number.isNaN(value)) gap = true;
        windows[i] = Number.isNaN(value) ? 0 : (value - mean) / std;
      }
    }
    if (gap) withGaps += 1;
  }
  return withGaps;
}

/** Mean of one channel of one window over its present samples (0 when none is present). */
function windowMean(windows: Float32Array, start: number, time: number, stride: number): number {
  let sum = 0;
  let count = 0;
  for (let t = 0, i = start; t < time; t++, i += stride) {
    const value = windows[i] as number;
    if (!Number.isNaN(value)) {
      sum += value;
      count += 1;
    }
  }
  return count > 0 ? sum / count : 0;
}

/**
 * Band-passes one channel of one window in place (strided by `stride` from `start`). Missing
 * samples are bridged by straight lines between their present neighbours (held flat at the ends)
 * for the filter's sake, and stay missing afterwards.
 */
function bandPassChannel(
  windows: Float32Array,
  start: number,
  stride: number,
  sections: readonly Section[],
  run: (sections: readonly Section[], x: Float64Array) => void,
  series: Float64Array,
): void {
  const time = series.length;
  let previous = -1;
  for (let t = 0, i = start; t < time; t++, i += stride) {
    const value = windows[i] as number;
    if (Number.isNaN(value)) continue;
    const from = previous < 0 ? value : (series[previous] ?? value);
    for (let gap = previous + 1; gap < t; gap++) {
      series[gap] = previous < 0 ? value : from + ((value - from) * (gap - previous)) / (t - previous);
    }
    series[t] = value;
    previous = t;
  }
  if (previous < 0) return;
  series.fill(series[previous] ?? 0, previous + 1);
  run(sections, series);
  for (let t = 0, i = start; t < time; t++, i += stride) {
    if (!Number.isNaN(windows[i])) windows[i] = series[t] ?? NaN;
  }
}
