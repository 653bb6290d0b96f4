import { describe, expect, it } from 'vitest';
import type { ChannelDetail, StoredAnnotation, StoredExplanation } from '../store';
import { saliencyColouring } from './colour-maps';
import type { Figure, Primitive } from './figure';
import { legendFigure, windowRows, type StripSource } from './lane-figures';
import { gridLines, mmToPoints, POINTS_PER_MM } from './paper';
import type { LaneSamples, ReportWindow } from './report-content';

const RATE = 250;

function channel(units: string, index = 0): ChannelDetail {
  const common = { gain: 200, baseline: 0, adcResolution: 12, samplingRateHz: RATE, sampleCount: 10 * RATE };
  return { id: 10 + index, index, name: `lead${index}`, units, ...common };
}

/** 0 for the first second, `high` for the second: a step at 1 s. */
function stepWindow(units: string, high: number): ReportWindow {
  const values = Float32Array.from({ length: 2 * RATE }, (_, i) => (i < RATE ? 0 : high));
  return { startSec: 0, endSec: 2, lanes: [{ channel: channel(units), firstSample: 0, values }] };
}

function only(figure: Figure | undefined, kind: Primitive['kind']): Primitive[] {
  const flat = (items: readonly Primitive[]): Primitive[] =>
    items.flatMap((item) => (item.kind === 'clip' ? [item, ...flat(item.children)] : [item]));
  return flat(figure?.items ?? []).filter((item) => item.kind === kind);
}

function trace(figure: Figure | undefined): number[] {
  const [polyline] = only(figure, 'polyline').filter((p) => p.kind === 'polyline' && p.points.length > 12);
  if (polyline?.kind !== 'polyline') throw new Error('no trace');
  return [...polyline.points];
}

describe('the ECG paper', () => {
  it('has 72/25.4 points per millimetre, so 10 s at 25 mm/s is 250 mm of paper', () => {
    expect(POINTS_PER_MM).toBe(72 / 25.4);
    expect(mmToPoints(25.4)).toBeCloseTo(72, 12);
    expect(mmToPoints(250)).toBeCloseTo((250 / 25.4) * 72, 9);
  });

  it('draws a 1 mm grid with every fifth line major', () => {
    const lines = gridLines(10);
    expect(lines.map((l) => l.at)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lines.filter((l) => l.major).map((l) => l.at)).toEqual([0, 5, 10]);
  });
});

describe('lane figures', () => {
  it('puts samples 1/250 s apart 0.1 mm apart (25 mm/s) and a 1 mV step 10 mm high', () => {
    const [row] = windowRows(stepWindow('mV', 1), [], RATE, []);
    const points = trace(row?.lanes[0]);
    expect(points.length).toBe(2 * 2 * RATE);
    const x = (i: number): number => points[2 * i] as number;
    const y = (i: number): number => points[2 * i + 1] as number;
    expect(x(1) - x(0)).toBeCloseTo(25 / RATE, 9);
    expect(x(RATE) - x(0)).toBeCloseTo(25, 9);
    expect(y(0) - y(RATE)).toBeCloseTo(10, 9); // up is smaller y
    expect(row?.lanes[0]?.width).toBeCloseTo(20 + 2 * 25 + 2, 9);
  });

  it('converts µV and V to millivolts before scaling, and scales other units to fit, saying so', () => {
    const height = (units: string, high: number): number => {
      const points = trace(windowRows(stepWindow(units, high), [], RATE, [])[0]?.lanes[0]);
      return (points[1] as number) - (points[2 * RATE + 1] as number);
    };
    expect(height('uV', 1000)).toBeCloseTo(10, 9);
    expect(height('µV', 500)).toBeCloseTo(5, 9);
    expect(height('V', 0.002)).toBeCloseTo(20, 5); // 0.002 is not exact in float32
    const [row] = windowRows(stepWindow('mmHg', 80), [], RATE, []);
    const labels = only(row?.lanes[0], 'text').map((t) => (t.kind === 'text' ? t.text : ''));
    expect(labels).toContain('10 mm = 50 mmHg');
    expect(only(row?.lanes[0], 'polyline')).toHaveLength(1); // no calibration pulse for mmHg
  });

  it('marks annotations at their time above their own lead only, and splits long windows into 10 s rows', () => {
    const window: ReportWindow = {
      startSec: 0,
      endSec: 12,
      lanes: [0, 1].map((index) => ({
        channel: channel('mV', index),
        firstSample: 0,
        values: new Float32Array(12 * RATE),
      })),
    };
    const mark = (sample: number, channelIndex: number | null, symbol: string): StoredAnnotation => ({
      ...{ id: sample, endSample: null, code: null, subtype: 0, aux: null, author: 'a', source: 'analyst' },
      ...{ createdAt: '', updatedAt: '', sample, channel: channelIndex, symbol },
    });
    const rows = windowRows(window, [mark(500, 1, 'V'), mark(2750, null, 'Q')], RATE, []);
    expect(rows.map((r) => [r.startSec, r.endSec])).toEqual([
      [0, 10],
      [10, 12],
    ]);
    const marks = (figure: Figure | undefined): [string, number][] =>
      only(figure, 'text').flatMap((t) => (t.kind === 'text' && ['V', 'Q'].includes(t.text) ? [[t.text, t.x]] : []));
    expect(marks(rows[0]?.lanes[0])).toEqual([]);
    expect(marks(rows[0]?.lanes[1])).toEqual([['V', 20 + 2 * 25]]);
    expect(marks(rows[1]?.lanes[0])).toEqual([['Q', 20 + 1 * 25]]);
    expect(marks(rows[1]?.lanes[1])).toEqual([['Q', 20 + 1 * 25]]);
  });

  it('draws a strip per explanation under the leads it explains, in its colours, with a legend', () => {
    const saliency = Float32Array.from({ length: 100 }, (_, t) => (t < 50 ? -0.5 : 2));
    const explanation = { method: 'occlusion', channelIds: [10], featureCount: 1, windowLength: 100, saliency };
    const strip: StripSource = {
      number: 1,
      startSec: 0.5,
      endSec: 1.5,
      explanation: explanation as unknown as StoredExplanation,
      colouring: saliencyColouring('signed', saliency),
    };
    const { lanes, ...window } = stepWindow('mV', 1);
    const lead0 = lanes[0] as LaneSamples;
    const twoLeads = { ...window, lanes: [lead0, { ...lead0, channel: channel('mV', 1) }] };
    const [row] = windowRows(twoLeads, [], RATE, [strip]);
    const fills = (figure: Figure | undefined): [string | null, number, number][] =>
      only(figure, 'rect').flatMap((r) => (r.kind === 'rect' && r.fill !== null ? [[r.fill, r.x, r.w]] : []));
    // 0.5 s to 1 s at −0.5 (a quarter of |max| = 2: light blue), 1 s to 1.5 s at full red.
    const cells = fills(row?.lanes[0]);
    expect(cells.map(([fill]) => fill)).toEqual(['#c8d9ea', '#b2182b']);
    expect(cells.map(([, x, w]) => [x, w].map((v) => Number(v.toFixed(6))))).toEqual([
      [20 + 12.5, 12.5],
      [20 + 25, 12.5],
    ]);
    expect(fills(row?.lanes[1])).toEqual([]); // lead1 is not an input of this explanation
    const legend = only(legendFigure(strip), 'text').map((t) => (t.kind === 'text' ? t.text : ''));
    expect(legend).toEqual([
      '-2',
      '2',
      '0',
      'E1 occlusion: signed: |max| = 2 full colour (blue negative, red positive), 0 white',
    ]);
  });
});
