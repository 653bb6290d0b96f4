import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { beatWindows } from './beat-windows';
import { generateEcg } from './generate';

const ecg = generateEcg({ durationSec: 180, seed: 77, pvcFraction: 0.1, apcFraction: 0.1 });

describe('beatWindows', () => {
  const windows = beatWindows(ecg, { windowSec: 1 });
  const [batch, time, leads] = windows.shape;

  it('cuts [B, 360, 2] windows at 360 Hz, one per beat that fits', () => {
    expect(time).toBe(360);
    expect(leads).toBe(2);
    const fits = ecg.beats.filter((b) => b.rPeak - 180 >= 0 && b.rPeak + 180 <= ecg.sampleCount);
    expect(batch).toBe(fits.length);
    expect(batch).toBeGreaterThanOrEqual(ecg.beats.length - 2);
    expect(windows.values).toHaveLength(batch * time * leads);
    expect(windows.masks).toHaveLength(batch * time * leads);
    expect(windows.labels).toHaveLength(batch);
    expect(windows.leads).toEqual(['MLII', 'V5']);
  });

  it('centres each window on its beat’s R peak, in time-major [T, D] order', () => {
    windows.beatIndices.forEach((beatIndex, b) => {
      const beat = ecg.beats[beatIndex];
      if (beat === undefined) throw new Error('bad beat index');
      ecg.leads.forEach(({ signal }, d) => {
        expect(windows.values[b * time * leads + 180 * leads + d]).toBe(Math.fround(signal[beat.rPeak] ?? NaN));
        expect(windows.values[b * time * leads + d]).toBe(Math.fround(signal[beat.rPeak - 180] ?? NaN));
      });
    });
  });

  it('labels each window with its class’s index and masks exactly the abnormal beats', () => {
    expect(windows.classes).toEqual(['normal', 'pvc', 'apc']);
    windows.beatIndices.forEach((beatIndex, b) => {
      const beat = ecg.beats[beatIndex];
      const label = windows.labels[b] ?? -1;
      expect(windows.classes[label]).toBe(beat?.beatClass);
      const mask = windows.masks.subarray(b * time * leads, (b + 1) * time * leads);
      const ones = mask.reduce((s, v) => s + v, 0);
      if (beat?.beatClass === 'normal') expect(ones).toBe(0);
      else expect(ones).toBeGreaterThan(0);
      // Same ground truth in every lead, and exactly the beat's own regions.
      const expected = (beat?.abnormalRegions ?? []).reduce((s, r) => s + r.end - r.start, 0);
      expect(ones).toBe(expected * leads);
      expect(mask.every((v, i) => v === mask[i - (i % leads)])).toBe(true);
    });
    expect(new Set(windows.labels)).toEqual(new Set([0, 1, 2]));
  });

  it('marks a PVC’s QRS at the window centre and an APC’s P before it', () => {
    windows.beatIndices.forEach((beatIndex, b) => {
      const at = (t: number): number | undefined => windows.masks[b * time * leads + t * leads];
      const beatClass = ecg.beats[beatIndex]?.beatClass;
      if (beatClass === 'pvc') expect(at(180)).toBe(1);
      if (beatClass === 'apc') {
        expect(at(180)).toBe(0);
        expect(at(180 + Math.round(-0.194 * 360))).toBe(1);
      }
    });
  });

  it('keeps only the asked classes, labelled in the asked order', () => {
    const chosen = beatWindows(ecg, { classes: ['pvc', 'normal'] });
    const kept = Array.from(chosen.beatIndices, (i) => ecg.beats[i]?.beatClass);
    expect(new Set(kept)).toEqual(new Set(['pvc', 'normal']));
    kept.forEach((beatClass, b) => expect(chosen.labels[b]).toBe(beatClass === 'pvc' ? 0 : 1));
  });

  it('takes other window lengths', () => {
    expect(beatWindows(ecg, { windowSec: 0.5 }).shape[1]).toBe(180);
  });

  it.each([
    ['windowSec', { windowSec: 0 }],
    ['windowSec', { windowSec: 1000 }],
    ['classes', { classes: [] }],
    ['classes', { classes: ['normal', 'normal'] }],
  ] as const)('rejects a bad %s', (option, bad) => {
    expect(() => beatWindows(ecg, bad as Parameters<typeof beatWindows>[1])).toThrow(AppError);
    expect(() => beatWindows(ecg, bad as Parameters<typeof beatWindows>[1])).toThrow(new RegExp(`'${option}'`));
  });
});
