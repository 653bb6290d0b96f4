import { describe, expect, it } from 'vitest';
import { generateEcg, type SyntheticEcg } from './generate';
import type { EcgOptions } from './options';

const QUIET = { noiseMv: 0, baselineWanderMv: 0, leads: ['MLII'] } as const;

/** Seconds between consecutive R peaks, each with the classes of the beats it joins. */
function intervals(ecg: SyntheticEcg): { sec: number; from: string; to: string }[] {
  return ecg.beats.slice(1).map((beat, i) => {
    const previous = ecg.beats[i];
    if (previous === undefined) throw new Error('unreachable');
    return { sec: (beat.rPeak - previous.rPeak) / ecg.samplingRateHz, from: previous.beatClass, to: beat.beatClass };
  });
}

function normalToNormal(ecg: SyntheticEcg): number[] {
  return intervals(ecg)
    .filter((rr) => rr.from === 'normal' && rr.to === 'normal')
    .map((rr) => rr.sec);
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function std(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}

/** For each ectopic beat of a class: the RR before it and the RR after it (s). */
function ectopicPauses(ecg: SyntheticEcg, beatClass: 'pvc' | 'apc'): { before: number; after: number }[] {
  const rr = intervals(ecg);
  return rr.flatMap((into, i) => {
    const out = rr[i + 1];
    return into.to === beatClass && out !== undefined ? [{ before: into.sec, after: out.sec }] : [];
  });
}

/**
 * LF (0.04–0.15 Hz) and HF (0.15–0.4 Hz) power of the beat-to-beat tachogram, by the Lomb–Scargle
 * periodogram of RR(t_k), which needs no resampling (interpolation would damp HF). Also the share
 * of power that lies near ECGSYN's two peaks (0.1 and 0.25 Hz ± 0.03).
 */
function hrvSpectrum(ecg: SyntheticEcg): { lf: number; hf: number; nearPeaks: number } {
  const times = ecg.beats.slice(1).map((b) => b.rPeak / ecg.samplingRateHz);
  const rr = intervals(ecg).map((r) => r.sec);
  const m = mean(rr);
  const y = rr.map((v) => v - m);
  let lf = 0;
  let hf = 0;
  let total = 0;
  let nearPeaks = 0;
  for (let frequency = 0.01; frequency < 0.5; frequency += 0.001) {
    const w = 2 * Math.PI * frequency;
    const tau =
      Math.atan2(
        sum(times, (t) => Math.sin(2 * w * t)),
        sum(times, (t) => Math.cos(2 * w * t)),
      ) /
      (2 * w);
    const cos = times.map((t) => Math.cos(w * (t - tau)));
    const sin = times.map((t) => Math.sin(w * (t - tau)));
    const power =
      sum(cos, (c, i) => c * (y[i] ?? 0)) ** 2 / sum(cos, (c) => c * c) +
      sum(sin, (s, i) => s * (y[i] ?? 0)) ** 2 / sum(sin, (s) => s * s);
    total += power;
    if (frequency >= 0.04 && frequency < 0.15) lf += power;
    if (frequency >= 0.15 && frequency < 0.4) hf += power;
    if (Math.abs(frequency - 0.1) < 0.03 || Math.abs(frequency - 0.25) < 0.03) nearPeaks += power;
  }
  return { lf, hf, nearPeaks: nearPeaks / total };
}

function sum(values: readonly number[], term: (v: number, i: number) => number): number {
  return values.reduce((s, v, i) => s + term(v, i), 0);
}

function record(options: Partial<EcgOptions>): SyntheticEcg {
  return generateEcg({ durationSec: 600, seed: 11, ...QUIET, ...options });
}

describe('sinus rhythm', () => {
  it('beats at the requested mean rate', () => {
    const ecg = record({ heartRateBpm: 75, heartRateStdBpm: 2 });
    expect(Math.abs(mean(normalToNormal(ecg)) - 60 / 75)).toBeLessThan(0.01 * (60 / 75));
    expect(Math.abs(ecg.beats.length - 600 * (75 / 60))).toBeLessThan(0.02 * 600 * (75 / 60));
  });

  it('varies its RR with the requested standard deviation, 60·HRstd/HR² s', () => {
    for (const [heartRateBpm, heartRateStdBpm] of [
      [60, 1],
      [75, 2],
      [110, 5],
    ] as const) {
      const expected = (60 * heartRateStdBpm) / heartRateBpm ** 2;
      const measured = std(normalToNormal(record({ heartRateBpm, heartRateStdBpm })));
      expect(measured).toBeGreaterThan(0.7 * expected);
      expect(measured).toBeLessThan(1.3 * expected);
    }
  });

  it('has no variability when HRstd is 0', () => {
    const rr = normalToNormal(record({ heartRateBpm: 80, heartRateStdBpm: 0 }));
    expect(Math.max(...rr) - Math.min(...rr)).toBeLessThanOrEqual(1 / 360 + 1e-9);
  });

  it('puts the tachogram power at ECGSYN’s LF and HF peaks, in the requested LF/HF ratio', () => {
    for (const lfHfRatio of [0.25, 0.5, 2]) {
      const spectrum = hrvSpectrum(record({ durationSec: 1200, heartRateStdBpm: 3, lfHfRatio }));
      expect(spectrum.nearPeaks).toBeGreaterThan(0.85);
      expect(spectrum.lf / spectrum.hf).toBeGreaterThan(lfHfRatio / 1.3);
      expect(spectrum.lf / spectrum.hf).toBeLessThan(lfHfRatio * 1.3);
    }
  });
});

describe('ectopic beats', () => {
  const fixedRr = 60 / 70;
  const oneSample = 1 / 360 + 1e-9;
  const steady = record({ heartRateBpm: 70, heartRateStdBpm: 0, pvcFraction: 0.1, apcFraction: 0.1 });

  it.each([
    ['pvc', 0.55, 0.7],
    ['apc', 0.7, 0.85],
  ] as const)('fires each %s at %s–%s × the sinus RR', (beatClass, low, high) => {
    const pauses = ectopicPauses(steady, beatClass);
    expect(pauses.length).toBeGreaterThan(20);
    for (const { before } of pauses) {
      expect(before).toBeGreaterThanOrEqual(low * fixedRr - oneSample);
      expect(before).toBeLessThanOrEqual(high * fixedRr + oneSample);
    }
  });

  it('follows a PVC with a full compensatory pause: RR before + RR after = 2 RR', () => {
    for (const { before, after } of ectopicPauses(steady, 'pvc')) {
      expect(Math.abs(before + after - 2 * fixedRr)).toBeLessThanOrEqual(oneSample);
    }
  });

  it('resets the sinus node after an APC: RR after = RR, so the pause is not compensatory', () => {
    for (const { before, after } of ectopicPauses(steady, 'apc')) {
      expect(Math.abs(after - fixedRr)).toBeLessThanOrEqual(oneSample);
      expect(before + after).toBeLessThan(1.9 * fixedRr);
    }
  });

  it('keeps the pauses with heart-rate variability: PVC ≈ 2 × mean normal RR, APC clearly less', () => {
    const ecg = record({ heartRateStdBpm: 1, pvcFraction: 0.1, apcFraction: 0.1 });
    const normalRr = mean(normalToNormal(ecg));
    const pvcSums = ectopicPauses(ecg, 'pvc').map((p) => (p.before + p.after) / (2 * normalRr));
    const apcSums = ectopicPauses(ecg, 'apc').map((p) => (p.before + p.after) / (2 * normalRr));
    expect(Math.abs(mean(pvcSums) - 1)).toBeLessThan(0.02);
    for (const sum of pvcSums) expect(Math.abs(sum - 1)).toBeLessThan(0.1);
    // (0.70–0.85 + 1) / 2 = 0.85–0.925 of the compensatory sum.
    expect(mean(apcSums)).toBeGreaterThan(0.85);
    expect(mean(apcSums)).toBeLessThan(0.925);
  });

  it('makes ectopics the requested fraction of beats, isolated, each followed by a sinus beat', () => {
    const ecg = generateEcg({ durationSec: 1800, seed: 5, heartRateBpm: 72, pvcFraction: 0.05, apcFraction: 0.03 });
    const n = ecg.beats.length;
    for (const [beatClass, fraction] of [
      ['pvc', 0.05],
      ['apc', 0.03],
    ] as const) {
      const observed = ecg.beats.filter((b) => b.beatClass === beatClass).length / n;
      expect(Math.abs(observed - fraction)).toBeLessThan(4 * Math.sqrt((fraction * (1 - fraction)) / n));
    }
    const rr = intervals(ecg);
    expect(rr.filter((r) => r.from !== 'normal' && r.to !== 'normal')).toEqual([]);
    expect(ecg.beats.at(-1)?.beatClass === 'normal' || rr.at(-1)?.from === 'normal').toBe(true);
  });
});
