import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { generateEcg, type SyntheticBeat, type SyntheticEcg } from './generate';
import { groundTruthMask } from './ground-truth';
import type { EcgOptions } from './options';

const FS = 360;
const BASE: EcgOptions = { durationSec: 300, seed: 2024, pvcFraction: 0.08, apcFraction: 0.08 };

/** Clean MLII at 60 bpm without HRV, so that beats can be compared with the spec's tables. */
const clean = generateEcg({ ...BASE, heartRateStdBpm: 0, noiseMv: 0, baselineWanderMv: 0, leads: ['MLII', 'V5'] });
const mlii = clean.leads[0]?.signal ?? new Float64Array();

function beatsOf(ecg: SyntheticEcg, beatClass: SyntheticBeat['beatClass']): { beat: SyntheticBeat; index: number }[] {
  return ecg.beats.flatMap((beat, index) => (beat.beatClass === beatClass ? [{ beat, index }] : []));
}

/** Beats (not at the record's edges) whose neighbours are both normal. */
function inner(
  ecg: SyntheticEcg,
  beatClass: SyntheticBeat['beatClass'],
): { beat: SyntheticBeat; previous: SyntheticBeat }[] {
  return beatsOf(ecg, beatClass).flatMap(({ beat, index }) => {
    const previous = ecg.beats[index - 1];
    const next = ecg.beats[index + 1];
    return previous?.beatClass === 'normal' && next?.beatClass === 'normal' ? [{ beat, previous }] : [];
  });
}

/** formats.md §5.2 at 60 bpm, gain 27 mV per z-unit: the normal T wave and P wave. */
const SPEC_T = { amplitudeMv: 27 * 0.0191, offsetSec: 0.278, widthSec: 0.0637 };
const SPEC_P = { amplitudeMv: 27 * 0.0119, offsetSec: -0.194, widthSec: 0.0398 };

function specWave(wave: typeof SPEC_T, t: number): number {
  return wave.amplitudeMv * Math.exp(-0.5 * ((t - wave.offsetSec) / wave.widthSec) ** 2);
}

/**
 * Largest deviation, over the window where a sinus P peaks (μ_P ± 2σ_P before the R), between
 * the signal and what the previous beat's T wave alone contributes there. A present P wave
 * shows up as about its amplitude (0.32 mV); an absent one leaves nothing.
 */
function pWaveResidual(beat: SyntheticBeat, previous: SyntheticBeat): number {
  let largest = 0;
  const from = Math.ceil(beat.rPeak + (SPEC_P.offsetSec - 2 * SPEC_P.widthSec) * FS);
  const to = Math.floor(beat.rPeak + (SPEC_P.offsetSec + 2 * SPEC_P.widthSec) * FS);
  for (let i = from; i <= to; i++) {
    const expected = specWave(SPEC_T, (i - previous.rPeak) / FS);
    largest = Math.max(largest, Math.abs((mlii[i] ?? NaN) - expected));
  }
  return largest;
}

/**
 * QRS duration: from the first to the last sample within ±0.12 s of R where |dx/dt| exceeds 20 %
 * of its peak (at 10 % the Gaussian tails of Q and S stretch even the normal QRS past 120 ms).
 */
function qrsWidthSec(rPeak: number): number {
  const slope = (i: number): number => Math.abs(((mlii[i + 1] ?? 0) - (mlii[i - 1] ?? 0)) * (FS / 2));
  const span = Math.round(0.12 * FS);
  let peak = 0;
  for (let i = rPeak - span; i <= rPeak + span; i++) peak = Math.max(peak, slope(i));
  let first = rPeak;
  let last = rPeak;
  for (let i = rPeak - span; i <= rPeak + span; i++) {
    if (slope(i) > 0.2 * peak) {
      first = Math.min(first, i);
      last = Math.max(last, i);
    }
  }
  return (last - first) / FS;
}

function sameSamples(a: Float64Array | undefined, b: Float64Array | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
}

describe('generateEcg: determinism', () => {
  it('gives the same record for the same seed and options', () => {
    const a = generateEcg(BASE);
    const b = generateEcg(BASE);
    expect(b.beats).toEqual(a.beats);
    a.leads.forEach((lead, d) => expect(sameSamples(lead.signal, b.leads[d]?.signal)).toBe(true));
  });

  it('gives another record for another seed', () => {
    const a = generateEcg(BASE);
    const b = generateEcg({ ...BASE, seed: BASE.seed + 1 });
    expect(b.rPeaks).not.toEqual(a.rPeaks);
    expect(sameSamples(a.leads[0]?.signal, b.leads[0]?.signal)).toBe(false);
  });

  it('keeps the beats when only the noise changes', () => {
    const a = generateEcg(BASE);
    const b = generateEcg({ ...BASE, noiseMv: 0.1, baselineWanderMv: 0.3, mainsMv: 0.05 });
    expect(b.beats).toEqual(a.beats);
    expect(sameSamples(a.leads[0]?.signal, b.leads[0]?.signal)).toBe(false);
  });
});

describe('generateEcg: the record', () => {
  it('has the asked length, leads and units', () => {
    const ecg = generateEcg({ durationSec: 12.5, seed: 1, samplingRateHz: 250, leads: ['V5'] });
    expect(ecg.sampleCount).toBe(3125);
    expect(ecg.leads.map((l) => [l.name, l.units, l.signal.length])).toEqual([['V5', 'mV', 3125]]);
  });

  it('annotates every beat once, in order, with its MIT code and symbol (N = 1, V = 5, A = 8)', () => {
    expect(clean.rPeaks.length).toBe(clean.beats.length);
    expect(clean.beatClassIds.length).toBe(clean.beats.length);
    for (let k = 1; k < clean.rPeaks.length; k++) expect(clean.rPeaks[k]).toBeGreaterThan(clean.rPeaks[k - 1] ?? 0);
    const codes = { normal: [1, 'N'], pvc: [5, 'V'], apc: [8, 'A'] };
    for (const beat of clean.beats) expect([beat.code, beat.symbol]).toEqual(codes[beat.beatClass]);
    expect(new Set(clean.beats.map((b) => b.beatClass))).toEqual(new Set(['normal', 'pvc', 'apc']));
  });

  it('puts every R annotation on the QRS extremum (the maximum within ±60 ms) in every lead', () => {
    const wandering = generateEcg({ ...BASE, noiseMv: 0 });
    for (const ecg of [clean, wandering]) {
      for (const { signal } of ecg.leads) {
        for (const { rPeak } of ecg.beats) {
          const around = signal.subarray(Math.max(0, rPeak - 0.06 * FS), rPeak + 0.06 * FS + 1);
          expect(signal[rPeak]).toBe(Math.max(...around));
        }
      }
    }
  });

  it('draws the normal beat of the spec: R about 1.1–1.3 mV, P and T upright', () => {
    const [first] = inner(clean, 'normal');
    if (first === undefined) throw new Error('no normal beat');
    const at = (offsetSec: number): number => mlii[first.beat.rPeak + Math.round(offsetSec * FS)] ?? NaN;
    expect(at(0)).toBeGreaterThan(1.1);
    expect(at(0)).toBeLessThan(1.3);
    expect(at(SPEC_P.offsetSec)).toBeGreaterThan(0.8 * SPEC_P.amplitudeMv);
    expect(at(SPEC_T.offsetSec)).toBeGreaterThan(0.8 * SPEC_T.amplitudeMv);
  });
});

describe('generateEcg: PVCs', () => {
  const pvcs = inner(clean, 'pvc');
  const normals = inner(clean, 'normal');

  it('have no P wave where a sinus P would be, while normal beats do', () => {
    expect(pvcs.length).toBeGreaterThan(10);
    for (const { beat, previous } of pvcs) expect(pWaveResidual(beat, previous)).toBeLessThan(0.05);
    for (const { beat, previous } of normals.slice(0, 50)) {
      expect(pWaveResidual(beat, previous)).toBeGreaterThan(0.8 * SPEC_P.amplitudeMv);
    }
  });

  it('have a QRS of 120 ms or more, at least 1.3× the normal one (70–110 ms)', () => {
    const normalWidth = Math.max(...normals.map(({ beat }) => qrsWidthSec(beat.rPeak)));
    expect(normalWidth).toBeGreaterThanOrEqual(0.07);
    expect(normalWidth).toBeLessThanOrEqual(0.11);
    for (const { beat } of pvcs) {
      expect(qrsWidthSec(beat.rPeak)).toBeGreaterThanOrEqual(0.12);
      expect(qrsWidthSec(beat.rPeak)).toBeGreaterThanOrEqual(1.3 * normalWidth);
    }
  });

  it('have a T wave discordant to the QRS', () => {
    for (const { beat } of pvcs) {
      const t = mlii.subarray(beat.rPeak + 0.2 * FS, beat.rPeak + 0.45 * FS);
      expect(mlii[beat.rPeak]).toBeGreaterThan(0);
      expect(Math.min(...t)).toBeLessThan(-0.3);
    }
  });

  it('mark their wide QRS (about 0.178 s around R) and the missing P as ground truth', () => {
    for (const { beat } of pvcs) {
      const qrs = beat.abnormalRegions.find((r) => r.feature === 'wide-qrs');
      const absentP = beat.abnormalRegions.find((r) => r.feature === 'absent-p');
      expect(beat.abnormalRegions).toHaveLength(2);
      if (qrs === undefined || absentP === undefined) throw new Error('missing region');
      expect(qrs.start).toBeLessThan(beat.rPeak);
      expect(qrs.end).toBeGreaterThan(beat.rPeak);
      expect(Math.abs((qrs.end - qrs.start) / FS - 0.178)).toBeLessThan(0.006);
      const pCentre = (absentP.start + absentP.end - 1) / 2;
      expect(Math.abs(pCentre - (beat.rPeak + SPEC_P.offsetSec * FS))).toBeLessThanOrEqual(1);
      expect(absentP.end).toBeLessThanOrEqual(qrs.start);
    }
  });
});

describe('generateEcg: APCs', () => {
  const apcs = inner(clean, 'apc');

  it('have an abnormal P: smaller than the sinus P (×0.6) or inverted', () => {
    expect(apcs.length).toBeGreaterThan(10);
    for (const { beat } of apcs) {
      const [region] = beat.abnormalRegions;
      if (region === undefined) throw new Error('APC without a region');
      // Subtract the previous T, which the early P can ride on, using the spec's normal T.
      const previousR = clean.beats[clean.beats.indexOf(beat) - 1]?.rPeak ?? NaN;
      const p = Array.from(mlii.subarray(region.start, region.end), (v, i) => {
        return v - specWave(SPEC_T, (region.start + i - previousR) / FS);
      });
      const extreme = Math.max(...p.map(Math.abs));
      expect(extreme).toBeGreaterThan(0.4 * SPEC_P.amplitudeMv);
      expect(Math.max(...p)).toBeLessThan(0.75 * SPEC_P.amplitudeMv);
    }
  });

  it('keep the normal QRS', () => {
    const normalR = mlii[inner(clean, 'normal')[0]?.beat.rPeak ?? 0] ?? NaN;
    for (const { beat } of apcs) expect(mlii[beat.rPeak]).toBeCloseTo(normalR, 2);
  });

  it('mark their ectopic P before the QRS as ground truth', () => {
    for (const { beat } of apcs) {
      expect(beat.abnormalRegions.map((r) => r.feature)).toEqual(['ectopic-p']);
      const [region] = beat.abnormalRegions;
      expect(region?.end).toBeLessThan(beat.rPeak - 0.06 * FS);
      expect(region?.start).toBeGreaterThan(beat.rPeak - 0.4 * FS);
    }
  });
});

describe('groundTruthMask', () => {
  it('is 1 exactly on the abnormal beats’ regions', () => {
    const mask = groundTruthMask(clean);
    const covered = clean.beats.flatMap((b) => b.abnormalRegions).reduce((s, r) => s + r.end - r.start, 0);
    expect(mask.reduce((s, v) => s + v, 0)).toBe(covered);
    for (const beat of beatsOf(clean, 'normal')) expect(beat.beat.abnormalRegions).toEqual([]);
    for (const { beat } of beatsOf(clean, 'pvc')) expect(mask[beat.rPeak]).toBe(1);
  });
});

describe('generateEcg: options', () => {
  it.each([
    ['durationSec', { durationSec: 0 }],
    ['seed', { seed: 1.5 }],
    ['seed', { seed: -1 }],
    ['samplingRateHz', { samplingRateHz: 50 }],
    ['leads', { leads: [] }],
    ['leads', { leads: ['MLII', 'MLII'] }],
    ['leads', { leads: ['aVR'] }],
    ['heartRateBpm', { heartRateBpm: Number.NaN }],
    ['heartRateStdBpm', { heartRateStdBpm: 30 }],
    ['pvcFraction', { pvcFraction: 0.6 }],
    ['apcFraction', { pvcFraction: 0.3, apcFraction: 0.3 }],
    ['noiseMv', { noiseMv: -0.1 }],
    ['mainsHz', { mainsMv: 0.1, mainsHz: 55 }],
    ['mainsHz', { mainsMv: 0.1, mainsHz: 60, samplingRateHz: 100 }],
  ])('rejects a bad %s with an invalid-request error naming it', (option, bad) => {
    const call = (): unknown => generateEcg({ ...BASE, ...(bad as Partial<EcgOptions>) });
    expect(call).toThrow(AppError);
    expect(call).toThrow(new RegExp(`'${option}'`));
    try {
      call();
    } catch (error) {
      expect((error as AppError).kind).toBe('invalid-request');
    }
  });

  it('takes the default for an option given as undefined', () => {
    expect(generateEcg({ ...BASE, heartRateBpm: undefined }).options.heartRateBpm).toBe(60);
  });
});
