import { GROUND_TRUTH_LABEL } from '../../api/method-names';
import { AppError } from '../../errors';
import type { SourceAnnotation, SourceRecord } from '../../formats/record-source';
import type { SyntheticEcg } from './generate';

/** MIT-BIH's gain; digital zero is physical zero. */
export const SYNTHETIC_GAIN_ADU_PER_MV = 200;
/**
 * MIT-BIH's 11-bit ADC, here signed around zero: digital values are clamped to [−1024, 1023],
 * i.e. about ±5.12 mV, far beyond the generator's beats plus noise at their defaults.
 */
export const SYNTHETIC_ADC_BITS = 11;
const ADC_MIN = -(2 ** (SYNTHETIC_ADC_BITS - 1));
const ADC_MAX = 2 ** (SYNTHETIC_ADC_BITS - 1) - 1;

const RHYTHM_CODE = 28;

/** A generated ECG as a record the store can import, annotated with its beats and their ground truth. */
export function syntheticEcgRecord(ecg: SyntheticEcg, name: string, patientId: string | null): SourceRecord {
  const { options: o, samplingRateHz, sampleCount } = ecg;
  const annotations: SourceAnnotation[] = [
    // One rhythm annotation for the whole record: sinus rhythm, with isolated ectopic beats.
    { sample: 0, endSample: null, channel: null, code: RHYTHM_CODE, symbol: '+', subtype: 0, aux: '(N' },
    ...ecg.beats.map((beat) => ({
      sample: beat.rPeak,
      endSample: null,
      channel: null,
      code: beat.code,
      symbol: beat.symbol,
      subtype: 0,
      aux: null,
    })),
    // The ground truth, on every lead, for scoring explanations in the compare view.
    ...ecg.beats.flatMap((beat) =>
      beat.abnormalRegions.map(({ feature, start, end }) => ({
        sample: start,
        endSample: end,
        channel: null,
        code: null,
        symbol: GROUND_TRUTH_LABEL,
        subtype: 0,
        aux: feature,
      })),
    ),
  ];
  return {
    name,
    format: 'synthetic',
    startTime: null,
    frameRateHz: samplingRateHz,
    frameCount: sampleCount,
    patientId,
    channels: ecg.leads.map((lead) => ({
      name: lead.name,
      units: lead.units,
      gain: SYNTHETIC_GAIN_ADU_PER_MV,
      baseline: 0,
      adcResolution: SYNTHETIC_ADC_BITS,
      samplingRateHz,
      sampleCount,
    })),
    info: [
      'Synthetic ECG: ECGSYN time-domain model (McSharry et al., IEEE TBME 2003)',
      `seed ${o.seed}; heart rate ${o.heartRateBpm} ± ${o.heartRateStdBpm} bpm; LF/HF ${o.lfHfRatio}`,
      `PVC fraction ${o.pvcFraction}; APC fraction ${o.apcFraction}`,
      `noise ${o.noiseMv} mV RMS; baseline wander ${o.baselineWanderMv} mV; mains ${o.mainsMv} mV at ${o.mainsHz} Hz`,
    ],
    warnings: [],
    readSamples(channel, start, count) {
      const signal = ecg.leads[channel]?.signal;
      if (signal === undefined) {
        throw new AppError(
          'invalid-request',
          `Record '${name}' has no channel ${channel} (it has ${ecg.leads.length})`,
        );
      }
      if (
        !Number.isInteger(start) ||
        !Number.isInteger(count) ||
        start < 0 ||
        count < 0 ||
        start + count > sampleCount
      ) {
        throw new AppError(
          'invalid-request',
          `Record '${name}': samples [${start}, ${start + count}) are outside [0, ${sampleCount})`,
        );
      }
      return Float64Array.from(signal.subarray(start, start + count), toDigital);
    },
    annotations: () => annotations,
    close() {
      // Nothing to release: the samples live in memory.
    },
  };
}

function toDigital(mv: number): number {
  return Math.min(ADC_MAX, Math.max(ADC_MIN, Math.round(mv * SYNTHETIC_GAIN_ADU_PER_MV)));
}
