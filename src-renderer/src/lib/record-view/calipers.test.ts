import { describe, expect, it } from 'vitest';
import { moveCaliper, noCalipers, placeCaliper, readCalipers, readingParts, type CaliperPair } from './calipers';

const units = (channel: number): string => ['mV', 'uV', 'mmHg'][channel] ?? '';

function pair(aSec: number, aValue: number, bSec: number, bValue: number, bChannel = 0): CaliperPair {
  return { a: { timeSec: aSec, value: aValue, channel: 0 }, b: { timeSec: bSec, value: bValue, channel: bChannel } };
}

describe('placing calipers', () => {
  it('places A, then B, then moves whichever is nearer in time', () => {
    const first = placeCaliper(noCalipers, { timeSec: 10, value: 0, channel: 0 });
    expect(first.b).toBeNull();
    const both = placeCaliper(first, { timeSec: 11, value: 0.5, channel: 0 });
    expect(both.a?.timeSec).toBe(10);
    expect(both.b?.timeSec).toBe(11);
    expect(placeCaliper(both, { timeSec: 10.9, value: 0, channel: 0 }).b?.timeSec).toBe(10.9);
    expect(placeCaliper(both, { timeSec: 9, value: 0, channel: 0 }).a?.timeSec).toBe(9);
  });

  it('moves one caliper and leaves the other', () => {
    const moved = moveCaliper(pair(1, 0, 2, 0), 'b', { timeSec: 3, value: 1, channel: 0 });
    expect(moved.a?.timeSec).toBe(1);
    expect(moved.b).toEqual({ timeSec: 3, value: 1, channel: 0 });
  });
});

describe('reading calipers', () => {
  it('gives nothing until both are placed', () => {
    expect(readCalipers(noCalipers, units)).toBeNull();
    expect(readCalipers({ a: { timeSec: 1, value: 0, channel: 0 }, b: null }, units)).toBeNull();
  });

  it('reads an RR interval of 0.8 s as 75 bpm, whichever caliper is first', () => {
    const reading = readCalipers(pair(12.8, 1.2, 12, 0.2), units);
    expect(reading?.deltaSec).toBeCloseTo(0.8);
    expect(reading?.heartRateBpm).toBeCloseTo(75);
    // Later minus earlier: the tip at 12.8 s is 1 mV above the one at 12 s.
    expect(reading?.deltaValue).toBeCloseTo(1);
    expect(reading?.valueUnits).toBe('mV');
  });

  it('converts microvolts to millivolts and keeps other units as they are', () => {
    expect(
      readCalipers({ a: { timeSec: 0, value: 0, channel: 1 }, b: { timeSec: 1, value: 500, channel: 1 } }, units),
    ).toMatchObject({ deltaValue: 0.5, valueUnits: 'mV' });
    expect(
      readCalipers({ a: { timeSec: 0, value: 80, channel: 2 }, b: { timeSec: 1, value: 120, channel: 2 } }, units),
    ).toMatchObject({ deltaValue: 40, valueUnits: 'mmHg' });
  });

  it('reads voltages in µV when the settings ask for them, other units unchanged', () => {
    const pair = (channel: number) => ({
      a: { timeSec: 0, value: 0, channel },
      b: { timeSec: 1, value: 500, channel },
    });
    expect(readCalipers(pair(1), units, 'µV')).toMatchObject({ deltaValue: 500, valueUnits: 'µV' });
    expect(readCalipers(pair(2), units, 'µV')).toMatchObject({ deltaValue: 500, valueUnits: 'mmHg' });
  });

  it('gives Δt but no amplitude difference across two lanes', () => {
    const reading = readCalipers(pair(0, 0, 1, 1, 2), units);
    expect(reading).toMatchObject({ deltaSec: 1, heartRateBpm: 60, deltaValue: null });
  });

  it('gives no heart rate for calipers on the same instant', () => {
    expect(readCalipers(pair(5, 0, 5, 1), units)?.heartRateBpm).toBeNull();
  });

  it('writes the readout an analyst expects', () => {
    const reading = readCalipers(pair(0, 0.3, 0.833, -0.75), units);
    expect(reading === null ? [] : readingParts(reading)).toEqual(['Δt 0.833 s', '72 bpm', 'Δ −1.05 mV']);
  });
});
