import type { ChannelInfo } from '$api/contract';
import type { SampleSpan, TraceBlock } from './level-of-detail';
import { millivoltsPerUnit, STANDARD_GAIN_MM_PER_MV } from './paper';

/** The time ruler above the lanes. */
export const RULER_HEIGHT_PX = 20;
/** A lane whose gain is "fit" fills this share of its height with the channel's usual range. */
const FIT_SHARE = 0.8;

/** Where a channel usually sits and how far it swings, from its whole-record envelope. */
export interface ChannelLevel {
  /** Drawn at the lane's middle: the median of the bins' midpoints, a robust baseline. */
  centre: number;
  /** 2nd and 98th percentiles of the bins' minima and maxima. */
  low: number;
  high: number;
}

/** One lane as drawn: its channel, its band of the canvas, and how values become heights. */
export interface Lane {
  channel: number;
  name: string;
  units: string;
  samplingRateHz: number;
  sampleCount: number;
  top: number;
  height: number;
  centre: number;
  /** Gain in millimetres per physical unit, and the same in pixels. */
  mmPerUnit: number;
  pxPerUnit: number;
}

export function channelLevel(overview: TraceBlock): ChannelLevel | null {
  const mids: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  for (let i = 0; i < overview.min.length; i++) {
    const low = overview.min[i] as number;
    const high = overview.max[i] as number;
    if (Number.isNaN(low) || Number.isNaN(high)) continue;
    mids.push((low + high) / 2);
    lows.push(low);
    highs.push(high);
  }
  if (mids.length === 0) return null;
  return { centre: quantile(mids, 0.5), low: quantile(lows, 0.02), high: quantile(highs, 0.98) };
}

function quantile(values: number[], q: number): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Voltages start at 10 mm/mV; other signals (null) fit their usual range into the lane. */
export function standardGain(units: string): number | null {
  const perMv = millivoltsPerUnit(units);
  return perMv === null ? null : STANDARD_GAIN_MM_PER_MV * perMv;
}

export function fitGain(level: ChannelLevel | undefined, laneHeightPx: number, pxPerMm: number): number {
  const swing = level === undefined ? 0 : level.high - level.low;
  if (!(swing > 0)) return 1;
  return (FIT_SHARE * laneHeightPx) / pxPerMm / swing;
}

export interface LaneInputs {
  channels: readonly ChannelInfo[];
  /** Shown channels, top to bottom. */
  order: readonly number[];
  /** Millimetres per unit set per channel; absent: the standard gain, or fit. */
  gains: Readonly<Record<number, number>>;
  levels: Readonly<Record<number, ChannelLevel>>;
  heightPx: number;
  pxPerMm: number;
}

/** The lanes share the height under the ruler equally, like the rows of a printed strip. */
export function layOutLanes(inputs: LaneInputs): Lane[] {
  const height = Math.max(0, inputs.heightPx - RULER_HEIGHT_PX) / Math.max(1, inputs.order.length);
  return inputs.order.flatMap((channel, row) => {
    const info = inputs.channels[channel];
    if (info === undefined) return [];
    const level = inputs.levels[channel];
    const mmPerUnit = inputs.gains[channel] ?? standardGain(info.units) ?? fitGain(level, height, inputs.pxPerMm);
    return [
      {
        channel,
        name: info.name,
        units: info.units,
        samplingRateHz: info.samplingRateHz,
        sampleCount: info.sampleCount,
        top: RULER_HEIGHT_PX + row * height,
        height,
        centre: level?.centre ?? 0,
        mmPerUnit,
        pxPerUnit: mmPerUnit * inputs.pxPerMm,
      },
    ];
  });
}

export function laneAt(lanes: readonly Lane[], y: number): Lane | null {
  return lanes.find((lane) => y >= lane.top && y < lane.top + lane.height) ?? null;
}

export function yOfValue(lane: Lane, value: number): number {
  return lane.top + lane.height / 2 - (value - lane.centre) * lane.pxPerUnit;
}

export function valueAtY(lane: Lane, y: number): number {
  return lane.centre + (lane.top + lane.height / 2 - y) / lane.pxPerUnit;
}

/** The samples of a lane's channel under `widthPx` pixels from `startSec`, and how many fall in each device pixel. */
export function laneWindow(
  lane: Lane,
  startSec: number,
  pxPerSec: number,
  widthPx: number,
  dpr: number,
): { viewStart: number; columns: number; samplesPerColumn: number; view: SampleSpan } {
  const columns = Math.round(widthPx * dpr);
  const samplesPerColumn = lane.samplingRateHz / (pxPerSec * dpr);
  const viewStart = startSec * lane.samplingRateHz;
  const end = Math.min(lane.sampleCount, Math.ceil(viewStart + columns * samplesPerColumn));
  return { viewStart, columns, samplesPerColumn, view: { start: Math.floor(viewStart), end } };
}
