import { AppError } from '../../errors';
import type { SourceRecord } from '../record-source';
import { formatMimicTime, HOUR_MS } from './cells';
import type { Mimic3CohortStay } from './cohort';
import { MIMIC3_STEPS, type Mimic3Feature, type Mimic3Mode } from './features';

const HOURLY_HZ = 1 / 3600;

export interface StayRecordInput {
  stay: Mimic3CohortStay;
  mode: Mimic3Mode;
  split: 'train' | 'test';
  binOrigin: number;
  /** Feature-major `features.length × 48`, physical units. */
  values: Float64Array;
}

/**
 * A stay as an importable record: one hourly channel per feature (stored in physical units,
 * gain 1, baseline 0), 48 frames, the ICU INTIME as start time. The label travels as the info
 * string `mort_icu: 0|1`.
 */
export function stayRecord(input: StayRecordInput, features: readonly Mimic3Feature[]): SourceRecord {
  const { stay, values } = input;
  const steps = MIMIC3_STEPS;
  return {
    name: `mimic3-icustay-${stay.icustayId}`,
    format: 'mimic3',
    startTime: new Date(stay.inTime).toISOString(),
    frameRateHz: HOURLY_HZ,
    frameCount: steps,
    patientId: String(stay.subjectId),
    channels: features.map((feature) => ({
      name: feature.name,
      units: feature.units,
      gain: 1,
      baseline: 0,
      adcResolution: null,
      samplingRateHz: HOURLY_HZ,
      sampleCount: steps,
    })),
    info: [
      `mort_icu: ${stay.mortIcu}`,
      `ICUSTAY_ID: ${stay.icustayId}`,
      `HADM_ID: ${stay.hadmId}`,
      `FIRST_CAREUNIT: ${stay.firstCareUnit ?? ''}`,
      `INTIME: ${formatMimicTime(stay.inTime)}`,
      `OUTTIME: ${formatMimicTime(stay.outTime)}`,
      `bins: 48 × 1 h from ${formatMimicTime(input.binOrigin)} (${binOriginNote(input)})`,
      `dataset: MIMIC-III 48-hour ICU mortality (FIT/Dynamask/time_interpret), ${input.mode}, ${input.split} split`,
    ],
    warnings: [],
    readSamples(channel: number, start: number, count: number): Float64Array {
      if (!Number.isInteger(channel) || channel < 0 || channel >= features.length) {
        throw new AppError('invalid-request', `Channel ${channel} is not one of the ${features.length} channels`);
      }
      if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > steps) {
        throw new AppError('invalid-request', `Samples [${start}, ${start + count}) are outside [0, ${steps})`);
      }
      return values.slice(channel * steps + start, channel * steps + start + count);
    },
    annotations: () => [],
    close: () => undefined,
  };
}

function binOriginNote(input: StayRecordInput): string {
  if (input.mode === 'fixed') return 'INTIME';
  const hours = (input.binOrigin - input.stay.inTime) / HOUR_MS;
  return `first vital, INTIME + ${hours.toFixed(2)} h`;
}
