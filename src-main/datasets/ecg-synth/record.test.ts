import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { generateEcg } from './generate';
import { GROUND_TRUTH_LABEL } from '../../api/method-names';
import { syntheticEcgRecord } from './record';

const ecg = generateEcg({ durationSec: 120, seed: 9, pvcFraction: 0.1, apcFraction: 0.1 });
const record = syntheticEcgRecord(ecg, 'synth-9', 'demo-patient');

describe('syntheticEcgRecord', () => {
  it('describes the record as MIT-BIH-like channels: mV, 200 adu/mV, baseline 0, 11 bits', () => {
    expect(record.name).toBe('synth-9');
    expect(record.format).toBe('synthetic');
    expect(record.patientId).toBe('demo-patient');
    expect(record.startTime).toBeNull();
    expect(record.frameRateHz).toBe(360);
    expect(record.frameCount).toBe(120 * 360);
    expect(record.channels).toEqual(
      ['MLII', 'V5'].map((name) => ({
        name,
        units: 'mV',
        gain: 200,
        baseline: 0,
        adcResolution: 11,
        samplingRateHz: 360,
        sampleCount: 120 * 360,
      })),
    );
    expect(record.info.join('\n')).toContain('seed 9');
    expect(record.warnings).toEqual([]);
  });

  it('reads digital samples that convert back to the signal within half a step (1/400 mV)', () => {
    ecg.leads.forEach(({ signal }, channel) => {
      const digital = record.readSamples(channel, 1000, 500);
      expect(digital).toHaveLength(500);
      digital.forEach((value, i) => {
        expect(Number.isInteger(value)).toBe(true);
        expect(Math.abs(value / 200 - (signal[1000 + i] ?? NaN))).toBeLessThanOrEqual(1 / 400);
      });
    });
  });

  it('clamps to the signed 11-bit range [−1024, 1023] (±5.12 mV)', () => {
    const loud = syntheticEcgRecord(generateEcg({ durationSec: 10, seed: 1, noiseMv: 5 }), 'loud', null);
    const digital = loud.readSamples(0, 0, loud.frameCount);
    expect(Math.min(...digital)).toBe(-1024);
    expect(Math.max(...digital)).toBe(1023);
  });

  it('annotates the rhythm once and every beat at its R peak with its MIT code', () => {
    const [rhythm, ...rest] = record.annotations();
    const beats = rest.slice(0, ecg.beats.length);
    expect(rhythm).toMatchObject({ sample: 0, code: 28, symbol: '+', aux: '(N' });
    expect(beats).toHaveLength(ecg.beats.length);
    beats.forEach((annotation, k) => {
      const beat = ecg.beats[k];
      expect(annotation).toEqual({
        sample: beat?.rPeak,
        endSample: null,
        channel: null,
        code: beat?.code,
        symbol: beat?.symbol,
        subtype: 0,
        aux: null,
      });
    });
    expect(new Set(beats.map((a) => `${a.code}${a.symbol}`))).toEqual(new Set(['1N', '5V', '8A']));
  });

  it("marks each beat's abnormal regions as ground-truth segments on every lead, after the beats", () => {
    const truth = record.annotations().slice(1 + ecg.beats.length);
    expect(truth).toEqual(
      ecg.beats.flatMap((beat) =>
        beat.abnormalRegions.map((r) => ({
          sample: r.start,
          endSample: r.end,
          channel: null,
          code: null,
          symbol: GROUND_TRUTH_LABEL,
          subtype: 0,
          aux: r.feature,
        })),
      ),
    );
    expect(new Set(truth.map((a) => a.aux))).toEqual(new Set(['wide-qrs', 'absent-p', 'ectopic-p']));
  });

  it('refuses reads outside the record or of a missing channel', () => {
    for (const read of [
      () => record.readSamples(2, 0, 1),
      () => record.readSamples(0, -1, 1),
      () => record.readSamples(0, record.frameCount - 5, 6),
      () => record.readSamples(0, 0.5, 1),
    ]) {
      expect(read).toThrow(AppError);
    }
    expect(record.readSamples(0, record.frameCount - 5, 5)).toHaveLength(5);
  });
});
