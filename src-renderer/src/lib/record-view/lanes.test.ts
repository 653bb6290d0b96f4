import type { ChannelInfo } from '$api/contract';
import { describe, expect, it } from 'vitest';
import { channelLevel, laneAt, layOutLanes, RULER_HEIGHT_PX, valueAtY, yOfValue } from './lanes';

function channel(index: number, name: string, units: string): ChannelInfo {
  return { index, name, units, samplingRateHz: 360, sampleCount: 1000, gain: 200, baseline: 0 };
}

const channels = [channel(0, 'MLII', 'mV'), channel(1, 'V5', 'uV'), channel(2, 'ABP', 'mmHg')];
const base = { channels, gains: {}, levels: {}, heightPx: 620, pxPerMm: 4 };

describe('layOutLanes', () => {
  it('stacks the shown leads in order, sharing the height under the ruler', () => {
    const lanes = layOutLanes({ ...base, order: [1, 0] });
    expect(lanes.map((l) => l.name)).toEqual(['V5', 'MLII']);
    expect(lanes.map((l) => l.top)).toEqual([RULER_HEIGHT_PX, RULER_HEIGHT_PX + 300]);
    expect(lanes.every((l) => l.height === 300)).toBe(true);
  });

  it('draws voltages at 10 mm/mV whatever their units', () => {
    const [mv, uv] = layOutLanes({ ...base, order: [0, 1] });
    expect(mv?.mmPerUnit).toBe(10);
    expect(mv?.pxPerUnit).toBe(40);
    expect(uv?.pxPerUnit).toBeCloseTo(0.04);
  });

  it('fits other signals to their usual range, and keeps a gain the analyst set', () => {
    const levels = { 2: { centre: 100, low: 60, high: 160 } };
    const [fitted] = layOutLanes({ ...base, order: [2], levels });
    // 80 % of a 600 px lane holds the 100 mmHg range: 4.8 px per mmHg.
    expect(fitted?.pxPerUnit).toBeCloseTo(4.8);
    expect(fitted?.centre).toBe(100);
    const [set] = layOutLanes({ ...base, order: [2], levels, gains: { 2: 0.5 } });
    expect(set?.pxPerUnit).toBe(2);
  });

  it('skips channels the record does not have', () => {
    expect(layOutLanes({ ...base, order: [0, 9] }).map((l) => l.channel)).toEqual([0]);
  });
});

describe('lane geometry', () => {
  const lanes = layOutLanes({ ...base, order: [0, 1] });

  it('finds the lane under a point', () => {
    expect(laneAt(lanes, 10)).toBeNull();
    expect(laneAt(lanes, 100)?.name).toBe('MLII');
    expect(laneAt(lanes, 400)?.name).toBe('V5');
  });

  it('turns values into heights and back, the centre value on the lane’s middle', () => {
    const lane = lanes[0];
    if (lane === undefined) throw new Error('no lane');
    expect(yOfValue(lane, 0)).toBe(RULER_HEIGHT_PX + 150);
    expect(yOfValue(lane, 1)).toBe(RULER_HEIGHT_PX + 110);
    expect(valueAtY(lane, yOfValue(lane, -0.35))).toBeCloseTo(-0.35);
  });
});

describe('channelLevel', () => {
  it('takes the median midpoint as the baseline, robust to a few spikes', () => {
    const bins = 100;
    const min = Float32Array.from({ length: bins }, (_, i) => (i === 50 ? -40 : -0.5));
    const max = Float32Array.from({ length: bins }, (_, i) => (i === 50 ? 40 : 1.5));
    const level = channelLevel({ detail: 'envelope', start: 0, end: bins, samplesPerBin: 1, min, max });
    expect(level).toEqual({ centre: 0.5, low: -0.5, high: 1.5 });
  });

  it('gives nothing for a channel without a single valid sample', () => {
    const empty = Float32Array.from([Number.NaN]);
    expect(channelLevel({ detail: 'envelope', start: 0, end: 1, samplesPerBin: 1, min: empty, max: empty })).toBeNull();
  });
});
