import { millivoltsPerUnit } from './paper';

/** One caliper tip: a time, and a value on the lane (channel) where it was placed. */
export interface CaliperPoint {
  timeSec: number;
  value: number;
  channel: number;
}

/** Two calipers, placed one after the other, like the dividers an analyst walks along a strip. */
export interface CaliperPair {
  a: CaliperPoint | null;
  b: CaliperPoint | null;
}

export type CaliperName = 'a' | 'b';

export const noCalipers: CaliperPair = { a: null, b: null };

/** The first click places A, the second B; later clicks move whichever caliper is nearer in time. */
export function placeCaliper(pair: CaliperPair, point: CaliperPoint): CaliperPair {
  if (pair.a === null) return { ...pair, a: point };
  if (pair.b === null) return { ...pair, b: point };
  const nearer = Math.abs(pair.a.timeSec - point.timeSec) <= Math.abs(pair.b.timeSec - point.timeSec) ? 'a' : 'b';
  return { ...pair, [nearer]: point };
}

export function moveCaliper(pair: CaliperPair, name: CaliperName, point: CaliperPoint): CaliperPair {
  return { ...pair, [name]: point };
}

export interface CaliperReading {
  /** Always positive: from the earlier caliper to the later one. */
  deltaSec: number;
  heartRateBpm: number | null;
  /** Later minus earlier, when both tips are on one lane; in mV for voltages. */
  deltaValue: number | null;
  valueUnits: string | null;
}

/** Δt, the heart rate a beat-to-beat interval of Δt means, and the amplitude difference (voltages in mV or µV). */
export function readCalipers(
  pair: CaliperPair,
  unitsOf: (channel: number) => string,
  voltageUnits: 'mV' | 'µV' = 'mV',
): CaliperReading | null {
  if (pair.a === null || pair.b === null) return null;
  const [earlier, later] = pair.a.timeSec <= pair.b.timeSec ? [pair.a, pair.b] : [pair.b, pair.a];
  const deltaSec = later.timeSec - earlier.timeSec;
  if (earlier.channel !== later.channel) {
    return { deltaSec, heartRateBpm: heartRate(deltaSec), deltaValue: null, valueUnits: null };
  }
  const units = unitsOf(earlier.channel);
  const perMv = millivoltsPerUnit(units);
  const delta = later.value - earlier.value;
  return {
    deltaSec,
    heartRateBpm: heartRate(deltaSec),
    deltaValue: perMv === null ? delta : delta * perMv * (voltageUnits === 'µV' ? 1000 : 1),
    valueUnits: perMv === null ? units : voltageUnits,
  };
}

function heartRate(deltaSec: number): number | null {
  return deltaSec > 0 ? 60 / deltaSec : null;
}

/** "Δt 0.833 s", "72 bpm", "ΔV 1.05 mV": the parts of the readout, in reading order. */
export function readingParts(reading: CaliperReading): string[] {
  const parts = [`Δt ${reading.deltaSec < 10 ? reading.deltaSec.toFixed(3) : reading.deltaSec.toFixed(1)} s`];
  if (reading.heartRateBpm !== null) parts.push(`${Math.round(reading.heartRateBpm)} bpm`);
  if (reading.deltaValue !== null) {
    const sign = reading.deltaValue < 0 ? '−' : '';
    parts.push(`Δ ${sign}${Math.abs(reading.deltaValue).toFixed(2)} ${reading.valueUnits ?? ''}`.trimEnd());
  }
  return parts;
}
