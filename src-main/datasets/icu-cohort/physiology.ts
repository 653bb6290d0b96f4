import type { LabName } from '../../formats/mimic3';
import type { Random } from './prng';

/**
 * How one observed variable follows the latent deterioration index D (0 = a typical ICU
 * patient, higher = sicker): value = base + slope·D (or base·exp(slope·D) on a log scale),
 * plus a per-patient offset and per-measurement noise, clipped to a plausible range.
 */
interface VariableModel {
  base: number;
  slope: number;
  scale: 'linear' | 'log';
  patientSd: number;
  noiseSd: number;
  min: number;
  max: number;
  decimals: number;
}

export interface LabModel extends VariableModel {
  /** The reference range; a value outside it gets FLAG 'abnormal'. */
  normal: readonly [number, number];
}

function linear(
  base: number,
  slope: number,
  patientSd: number,
  noiseSd: number,
  range: [number, number],
  decimals = 0,
) {
  return { base, slope, scale: 'linear' as const, patientSd, noiseSd, min: range[0], max: range[1], decimals };
}

function log(base: number, slope: number, patientSd: number, noiseSd: number, range: [number, number], decimals = 1) {
  return { base, slope, scale: 'log' as const, patientSd, noiseSd, min: range[0], max: range[1], decimals };
}

/** Bedside observations; blood pressure is modelled as mean pressure plus pulse pressure. */
export const VITAL_MODELS = {
  heartRate: linear(86, 9, 10, 4, [35, 180]),
  meanPressure: linear(80, -8, 7, 4, [35, 140]),
  pulsePressure: linear(50, -3, 10, 4, [15, 100]),
  respRate: linear(18, 3, 3, 2, [6, 45]),
  spo2: linear(97.6, -1.5, 1, 1, [70, 100]),
  temperatureC: linear(37, 0.35, 0.35, 0.2, [34, 41.5], 1),
  glucose: linear(135, 14, 28, 15, [40, 450]),
  gcs: linear(13, -1.8, 1.5, 0.6, [3, 15]),
} as const satisfies Record<string, VariableModel>;

export type VitalVariable = keyof typeof VITAL_MODELS;

export const LAB_MODELS: Readonly<Record<LabName, LabModel>> = {
  'ANION GAP': { ...linear(13, 2, 2, 1, [3, 40]), normal: [8, 20] },
  ALBUMIN: { ...linear(3.2, -0.3, 0.4, 0.1, [1, 5.2], 1), normal: [3.4, 5.4] },
  BICARBONATE: { ...linear(24, -2.5, 2.5, 1, [5, 45]), normal: [22, 32] },
  BILIRUBIN: { ...log(0.7, 0.35, 0.5, 0.1, [0.1, 40]), normal: [0, 1.5] },
  CREATININE: { ...log(1, 0.25, 0.35, 0.06, [0.2, 14]), normal: [0.5, 1.2] },
  CHLORIDE: { ...linear(104, -0.5, 3, 1.5, [80, 130]), normal: [96, 108] },
  GLUCOSE: { ...linear(135, 14, 28, 15, [40, 450]), normal: [70, 100] },
  HEMATOCRIT: { ...linear(31, -0.8, 4, 1, [15, 55], 1), normal: [36, 52] },
  HEMOGLOBIN: { ...linear(10.3, -0.3, 1.3, 0.3, [5, 18], 1), normal: [12, 17.5] },
  LACTATE: { ...log(1.5, 0.45, 0.25, 0.1, [0.3, 25]), normal: [0.5, 2] },
  MAGNESIUM: { ...linear(2, 0.05, 0.2, 0.1, [0.8, 4.5], 1), normal: [1.6, 2.6] },
  PHOSPHATE: { ...linear(3.5, 0.4, 0.6, 0.3, [0.8, 12], 1), normal: [2.7, 4.5] },
  PLATELET: { ...log(210, -0.18, 0.35, 0.05, [5, 900], 0), normal: [150, 440] },
  POTASSIUM: { ...linear(4.1, 0.2, 0.3, 0.2, [2.2, 7.5], 1), normal: [3.3, 5.1] },
  PTT: { ...linear(32, 3, 4, 2, [20, 150], 1), normal: [22, 36.5] },
  INR: { ...log(1.2, 0.12, 0.15, 0.03, [0.8, 8]), normal: [0.9, 1.1] },
  PT: { ...log(13.5, 0.12, 0.15, 0.03, [9, 100]), normal: [10.4, 13.4] },
  SODIUM: { ...linear(139, 0.3, 3, 1.5, [118, 165]), normal: [133, 145] },
  BUN: { ...log(20, 0.3, 0.4, 0.05, [3, 200], 0), normal: [6, 20] },
  WBC: { ...log(10, 0.2, 0.35, 0.08, [0.3, 80]), normal: [4, 11] },
};

/** A patient's own offsets (in each model's units or log units), drawn once. */
export class Physiology {
  private readonly offsets = new Map<VariableModel, number>();

  constructor(random: Random) {
    for (const model of [...Object.values(VITAL_MODELS), ...Object.values(LAB_MODELS)]) {
      this.offsets.set(model, random.normal(0, model.patientSd));
    }
  }

  /** A measurement of `model` at deterioration `d`, rounded as it would be charted. */
  measure(model: VariableModel, d: number, random: Random): number {
    const offset = (this.offsets.get(model) ?? 0) + random.normal(0, model.noiseSd);
    const value =
      model.scale === 'log' ? model.base * Math.exp(model.slope * d + offset) : model.base + model.slope * d + offset;
    const factor = 10 ** model.decimals;
    return Math.round(Math.min(model.max, Math.max(model.min, value)) * factor) / factor;
  }
}

/** The latent course of one ICU stay. */
export interface StayCourse {
  /** Severity on ICU admission, ~N(0, 1). */
  severity: number;
  /** Change of D over 48 h: negative recovers, positive deteriorates. */
  trend: number;
  /** D at each whole hour after INTIME. */
  hourly: Float64Array;
}

export function drawCourse(random: Random, hours: number): StayCourse {
  const severity = random.normal(0, 1);
  const trend = random.normal(-0.2, 0.75);
  const hourly = new Float64Array(Math.ceil(hours) + 1);
  let wander = 0;
  hourly.forEach((_, h) => {
    wander = 0.85 * wander + random.normal(0, 0.18);
    hourly[h] = severity + (trend * Math.min(h, 96)) / 48 + wander;
  });
  return { severity, trend, hourly };
}

export function deteriorationAt(course: StayCourse, hoursAfterIn: number): number {
  const h = Math.min(course.hourly.length - 1, Math.max(0, Math.floor(hoursAfterIn)));
  return course.hourly[h] ?? 0;
}

/**
 * Risk of dying in this ICU stay: higher with admission severity, with deterioration over the
 * first two days, and with age, so the 48-hour window carries the signal a model should find.
 */
export function icuDeathProbability(course: StayCourse, ageYears: number): number {
  const logit = -2.2 + 1.5 * course.severity + 1.8 * course.trend + 0.5 * ((ageYears - 65) / 10);
  return 1 / (1 + Math.exp(-logit));
}
