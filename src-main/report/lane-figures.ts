import type { StoredAnnotation, StoredExplanation } from '../store';
import type { SaliencyColouring } from './colour-maps';
import { formatValue } from './colour-maps';
import { line, rect, text, type Figure, type Primitive } from './figure';
import { gridLines, millivoltsPerUnit, millivoltsToMm, MM_PER_MILLIVOLT, secondsToMm } from './paper';
import type { LaneSamples, ReportWindow } from './report-content';
import { overlaps, type TimeWindow } from './report-windows';

/** Ten seconds (250 mm) per row: what fits across landscape A4 beside the lead labels. */
export const ROW_SEC = 10;
const GUTTER_MM = 20;
const RIGHT_MM = 2;
const BAND_MM = 6;
const STRIP_GAP_MM = 1;
const STRIP_MM = 4;
const AXIS_MM = 4;
/** The narrowest saliency cell: finer maps keep the largest |value| of each cell. */
const CELL_MM = 0.5;
const MIN_TRACE_MM = 15;
const MAX_TRACE_MM = 40;

const GRID_MINOR = '#f5cccc';
const GRID_MAJOR = '#e29393';
const TRACE = '#000000';
const MUTED = '#555555';
const SOURCE_COLOURS: Readonly<Record<StoredAnnotation['source'], string>> = {
  imported: '#333333',
  analyst: '#1f4e9c',
  explainer: '#7b3294',
};

/** An explanation as the strips draw it: its number in the report, its seconds and its colours. */
export interface StripSource extends TimeWindow {
  readonly number: number;
  readonly explanation: StoredExplanation;
  readonly colouring: SaliencyColouring;
}

/** One row of a window: up to ten seconds, one figure per lead. */
export interface FigureRow extends TimeWindow {
  readonly lanes: readonly Figure[];
}

/** A window's rows: each lead on the calibrated grid, its annotation marks above and saliency strips below. */
export function windowRows(
  window: ReportWindow,
  annotations: readonly StoredAnnotation[],
  annotationRateHz: number,
  strips: readonly StripSource[],
): FigureRow[] {
  const rows: FigureRow[] = [];
  for (let startSec = window.startSec; startSec < window.endSec - 1e-9; startSec += ROW_SEC) {
    const row = { startSec, endSec: Math.min(window.endSec, startSec + ROW_SEC) };
    const marks = annotations.filter((a) => {
      const at = a.sample / annotationRateHz;
      return at >= row.startSec && at < row.endSec;
    });
    rows.push({ ...row, lanes: window.lanes.map((lane) => laneFigure(lane, row, marks, annotationRateHz, strips)) });
  }
  return rows;
}

function laneFigure(
  lane: LaneSamples,
  row: TimeWindow,
  marks: readonly StoredAnnotation[],
  annotationRateHz: number,
  strips: readonly StripSource[],
): Figure {
  const { channel } = lane;
  const widthMm = secondsToMm(row.endSec - row.startSec);
  const x = (seconds: number): number => GUTTER_MM + secondsToMm(seconds - row.startSec);
  const samples = rowSamples(lane, row);
  const scale = verticalScale(channel.units, samples.values);
  const traceTop = BAND_MM;
  const traceMm = scale.heightMm;
  const items: Primitive[] = [];

  items.push(...gridPaper(GUTTER_MM, traceTop, widthMm, traceMm));
  const middle = traceTop + traceMm / 2;
  const y = (value: number): number => middle - (value - scale.centre) * scale.mmPerUnit;
  items.push({
    kind: 'clip',
    x: GUTTER_MM,
    y: traceTop,
    w: widthMm,
    h: traceMm,
    children: tracePieces(samples.values, (i) => x((samples.first + i) / channel.samplingRateHz), y),
  });

  items.push(text(1, traceTop + 3.5, channel.name, { size: 3, bold: true }));
  items.push(text(1, traceTop + 6.5, scale.label, { size: 1.8, colour: MUTED }));
  if (scale.calibrated) items.push(calibrationPulse(middle));

  for (const mark of marks) {
    if (mark.channel !== null && mark.channel !== channel.index) continue;
    items.push(...annotationMark(mark, x, annotationRateHz, row));
  }

  let top = traceTop + traceMm;
  for (const strip of strips) {
    const feature = strip.explanation.channelIds.indexOf(channel.id);
    if (feature < 0 || !overlaps(strip, row)) continue;
    top += STRIP_GAP_MM;
    items.push(...saliencyStrip(strip, feature, top, row, x));
    top += STRIP_MM;
  }
  items.push(...timeAxis(row, top, x));
  return {
    width: GUTTER_MM + widthMm + RIGHT_MM,
    height: top + AXIS_MM,
    items,
    description: `${channel.name}, ${row.startSec.toFixed(2)} s to ${row.endSec.toFixed(2)} s`,
  };
}

/** The 1 mm / 5 mm grid over a rectangle. */
function gridPaper(left: number, top: number, width: number, height: number): Primitive[] {
  const style = (major: boolean): [string, number] => (major ? [GRID_MAJOR, 0.2] : [GRID_MINOR, 0.08]);
  return [
    ...gridLines(width).map(({ at, major }) => line(left + at, top, left + at, top + height, ...style(major))),
    ...gridLines(height).map(({ at, major }) => line(left, top + at, left + width, top + at, ...style(major))),
  ];
}

/** The lane's samples that fall in the row. */
function rowSamples(lane: LaneSamples, row: TimeWindow): { first: number; values: Float32Array } {
  const rate = lane.channel.samplingRateHz;
  const from = Math.max(0, Math.floor(row.startSec * rate) - lane.firstSample);
  const to = Math.min(lane.values.length, Math.ceil(row.endSec * rate) - lane.firstSample + 1);
  return { first: lane.firstSample + from, values: lane.values.subarray(from, Math.max(from, to)) };
}

interface VerticalScale {
  readonly mmPerUnit: number;
  /** The value drawn at the middle of the lane. */
  readonly centre: number;
  readonly heightMm: number;
  /** Whether this is 10 mm/mV (voltage units), so a calibration pulse means something. */
  readonly calibrated: boolean;
  readonly label: string;
}

/**
 * 10 mm/mV for voltages, the lane as tall as the window's range needs (in whole 5 mm squares,
 * 15 to 40 mm; what does not fit is clipped). Other units are scaled to fit and say so.
 */
export function verticalScale(units: string, values: ArrayLike<number>): VerticalScale {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const centre = low <= high ? (low + high) / 2 : 0;
  const range = low <= high ? high - low : 0;
  const perUnit = millivoltsPerUnit(units);
  if (perUnit !== null) {
    const mmPerUnit = millivoltsToMm(perUnit);
    const heightMm = Math.min(MAX_TRACE_MM, Math.max(MIN_TRACE_MM, Math.ceil((range * mmPerUnit + 4) / 5) * 5));
    return { mmPerUnit, centre, heightMm, calibrated: true, label: `${MM_PER_MILLIVOLT} mm/mV` };
  }
  const heightMm = 20;
  const mmPerUnit = range > 0 ? (heightMm - 4) / range : 1;
  const label = `10 mm = ${formatValue(10 / mmPerUnit)} ${units}`.trim();
  return { mmPerUnit, centre, heightMm, calibrated: false, label };
}

/** The trace as polylines, broken where samples are missing (NaN). */
function tracePieces(values: Float32Array, x: (index: number) => number, y: (value: number) => number): Primitive[] {
  const pieces: Primitive[] = [];
  let points: number[] = [];
  const flush = (): void => {
    if (points.length >= 4) pieces.push({ kind: 'polyline', points, stroke: TRACE, width: 0.25 });
    points = [];
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) flush();
    else points.push(x(i), y(v));
  }
  flush();
  return pieces;
}

/** A 1 mV, 200 ms square pulse in the gutter, centred on the lane's middle. */
function calibrationPulse(middle: number): Primitive {
  const base = middle + millivoltsToMm(0.5);
  const top = base - millivoltsToMm(1);
  const left = GUTTER_MM - 8;
  const right = left + secondsToMm(0.2);
  return {
    kind: 'polyline',
    points: [left - 1.5, base, left, base, left, top, right, top, right, base, right + 1.5, base],
    stroke: TRACE,
    width: 0.25,
  };
}

function annotationMark(
  mark: StoredAnnotation,
  x: (seconds: number) => number,
  rateHz: number,
  row: TimeWindow,
): Primitive[] {
  const colour = SOURCE_COLOURS[mark.source];
  const at = x(mark.sample / rateHz);
  const items: Primitive[] = [
    line(at, BAND_MM - 1.2, at, BAND_MM, colour, 0.2),
    text(at, BAND_MM - 1.8, markLabel(mark), { size: 2.6, colour, anchor: 'middle', bold: mark.source !== 'imported' }),
  ];
  if (mark.endSample !== null) {
    const end = x(Math.min(row.endSec, mark.endSample / rateHz));
    items.push(line(at, BAND_MM - 0.6, end, BAND_MM - 0.6, colour, 0.3));
  }
  return items;
}

/** The label, or for a rhythm change (`+`) the rhythm it names, e.g. `(AFIB`. */
function markLabel(mark: StoredAnnotation): string {
  return mark.symbol === '+' && mark.aux?.startsWith('(') === true ? mark.aux : mark.symbol;
}

/** One explanation's values for one channel, as coloured cells under the trace. */
function saliencyStrip(
  strip: StripSource,
  feature: number,
  top: number,
  row: TimeWindow,
  x: (seconds: number) => number,
): Primitive[] {
  const { explanation, colouring } = strip;
  const { windowLength: length, featureCount, saliency } = explanation;
  const sampleSec = (strip.endSec - strip.startSec) / length;
  const cells: { from: number; to: number; value: number }[] = [];
  for (let t = 0; t < length; t++) {
    const start = strip.startSec + t * sampleSec;
    const end = start + sampleSec;
    if (end <= row.startSec || start >= row.endSec) continue;
    const value = saliency[t * featureCount + feature] as number;
    const from = Math.max(x(start), x(row.startSec));
    const to = Math.min(x(end), x(row.endSec));
    const last = cells[cells.length - 1];
    // Samples narrower than a cell share one: the one of largest magnitude speaks for it.
    if (last !== undefined && to - last.from <= CELL_MM) {
      if (Math.abs(value) > Math.abs(last.value) || Number.isNaN(last.value)) last.value = value;
      last.to = to;
    } else {
      cells.push({ from, to, value });
    }
  }
  // Neighbouring cells of one colour become one rectangle.
  const runs: { from: number; to: number; colour: string }[] = [];
  for (const cell of cells) {
    const colour = colouring.colour(cell.value);
    const last = runs[runs.length - 1];
    if (colour === null) continue;
    if (last !== undefined && last.colour === colour && Math.abs(last.to - cell.from) < 1e-9) last.to = cell.to;
    else runs.push({ from: cell.from, to: cell.to, colour });
  }
  const items = runs.map((r) => rect(r.from, top, r.to - r.from, STRIP_MM, { fill: r.colour }));
  items.push(rect(x(row.startSec), top, x(row.endSec) - x(row.startSec), STRIP_MM, { stroke: '#999999' }));
  const label = `E${strip.number} ${explanation.method}`;
  items.push(text(1, top + 3, label.length > 17 ? `${label.slice(0, 16)}…` : label, { size: 1.8, colour: MUTED }));
  return items;
}

/** A tick and the time from the record's start at every whole second of the row. */
function timeAxis(row: TimeWindow, top: number, x: (seconds: number) => number): Primitive[] {
  const items: Primitive[] = [];
  for (let second = Math.ceil(row.startSec - 1e-9); second <= row.endSec + 1e-9; second++) {
    items.push(line(x(second), top, x(second), top + 1, MUTED, 0.15));
    items.push(text(x(second), top + 3.2, `${second} s`, { size: 1.8, colour: MUTED, anchor: 'middle' }));
  }
  return items;
}

/** A colour bar for one explanation, with the values at its ends and the normalisation stated. */
export function legendFigure(strip: StripSource): Figure {
  const { colouring } = strip;
  const barMm = 50;
  const steps = 64;
  const items: Primitive[] = [];
  for (let i = 0; i < steps; i++) {
    const value = colouring.low + ((i + 0.5) / steps) * (colouring.high - colouring.low);
    items.push(rect((i * barMm) / steps, 1, barMm / steps + 0.05, 3, { fill: colouring.colour(value) ?? '#ffffff' }));
  }
  items.push(rect(0, 1, barMm, 3, { stroke: '#999999' }));
  items.push(text(0, 7, formatValue(colouring.low), { size: 2, anchor: 'start' }));
  items.push(text(barMm, 7, formatValue(colouring.high), { size: 2, anchor: 'end' }));
  if (colouring.map === 'diverging') items.push(text(barMm / 2, 7, '0', { size: 2, anchor: 'middle' }));
  items.push(text(barMm + 4, 3.6, `E${strip.number} ${strip.explanation.method}: ${colouring.legend}`, { size: 2.4 }));
  return {
    width: 250,
    height: 8,
    items,
    description: `colour scale of E${strip.number}: ${colouring.legend}`,
  };
}
