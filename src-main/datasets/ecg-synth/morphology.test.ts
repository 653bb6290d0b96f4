import { describe, expect, it } from 'vitest';
import {
  GAIN_MV_PER_Z,
  apcMorphology,
  findWave,
  gaussian,
  normalMorphology,
  pvcMorphology,
  qrsExtent,
  type BeatMorphology,
  type Wave,
  type WaveName,
} from './morphology';

function wave(morphology: BeatMorphology, name: WaveName): Wave {
  const found = findWave(morphology, name);
  if (found === undefined) throw new Error(`no ${name} wave`);
  return found;
}

/** formats.md §5.2, the normal beat at 60 bpm: A (z units), μ (s), σ (s). */
const SPEC_NORMAL_AT_60: Record<WaveName, [number, number, number]> = {
  P: [0.0119, -0.194, 0.0398],
  Q: [-0.008, -0.042, 0.0159],
  R: [0.0477, 0, 0.0159],
  S: [-0.0119, 0.042, 0.0159],
  T: [0.0191, 0.278, 0.0637],
};

describe('normalMorphology', () => {
  it.each(Object.entries(SPEC_NORMAL_AT_60))('matches the spec table for the %s wave at 60 bpm', (name, expected) => {
    const [amplitudeZ, offsetSec, widthSec] = expected;
    const w = wave(normalMorphology(60), name as WaveName);
    expect(Math.abs(w.amplitudeMv / GAIN_MV_PER_Z - amplitudeZ)).toBeLessThan(1e-4);
    expect(Math.abs(w.offsetSec - offsetSec)).toBeLessThan(1e-3);
    expect(Math.abs(w.widthSec - widthSec)).toBeLessThan(1e-4);
  });

  it('adapts to heart rate as ECGSYN: A fixed, σ ∝ √RR, μ_Q,S ∝ √RR, μ_P,T ∝ RR^¾', () => {
    const slow = normalMorphology(60);
    const fast = normalMorphology(120); // RR halves
    for (const name of ['P', 'Q', 'R', 'S', 'T'] as const) {
      expect(wave(fast, name).amplitudeMv).toBeCloseTo(wave(slow, name).amplitudeMv, 12);
      expect(wave(fast, name).widthSec / wave(slow, name).widthSec).toBeCloseTo(Math.SQRT1_2, 6);
    }
    const tolerance = 5e-4; // the QRS-peak alignment moves offsets by a fraction of a millisecond
    for (const name of ['Q', 'S'] as const) {
      expect(Math.abs(wave(fast, name).offsetSec - wave(slow, name).offsetSec * 0.5 ** 0.5)).toBeLessThan(tolerance);
    }
    for (const name of ['P', 'T'] as const) {
      expect(Math.abs(wave(fast, name).offsetSec - wave(slow, name).offsetSec * 0.5 ** 0.75)).toBeLessThan(tolerance);
    }
  });
});

describe('pvcMorphology', () => {
  const pvc = pvcMorphology();
  const normal = normalMorphology(60);

  it('has no P wave', () => {
    expect(findWave(pvc, 'P')).toBeUndefined();
  });

  it('has a taller R (about 1.2× normal) and an inverted, discordant T', () => {
    const ratio = wave(pvc, 'R').amplitudeMv / wave(normal, 'R').amplitudeMv;
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.35);
    expect(wave(pvc, 'T').amplitudeMv).toBeLessThan(0);
    expect(wave(pvc, 'R').amplitudeMv).toBeGreaterThan(0);
  });

  it('keeps its widths in seconds whatever the heart rate', () => {
    expect(wave(pvc, 'R').widthSec).toBeCloseTo(0.03, 12);
    expect(wave(pvc, 'S').widthSec).toBeCloseTo(0.032, 12);
  });
});

describe('qrsExtent', () => {
  // formats.md §5.3: where |QRS-only| > 10 % of the R peak, 0.119 s normal, 0.178 s PVC.
  it('measures the normal QRS at about 0.119 s and the PVC QRS at about 0.178 s', () => {
    const width = (m: BeatMorphology): number => {
      const { startSec, endSec } = qrsExtent(m);
      return endSec - startSec;
    };
    expect(Math.abs(width(normalMorphology(60)) - 0.119)).toBeLessThan(0.004);
    expect(Math.abs(width(pvcMorphology()) - 0.178)).toBeLessThan(0.004);
  });

  it('is measured around a QRS whose peak sits exactly on the R time', () => {
    for (const m of [normalMorphology(60), normalMorphology(150), pvcMorphology()]) {
      const qrs = (t: number): number =>
        m.filter((w) => 'QRS'.includes(w.name)).reduce((sum, w) => sum + gaussian(w, t), 0);
      expect(qrs(0)).toBeGreaterThan(qrs(-2e-4));
      expect(qrs(0)).toBeGreaterThan(qrs(2e-4));
      const { startSec, endSec } = qrsExtent(m);
      expect(startSec).toBeLessThan(0);
      expect(endSec).toBeGreaterThan(0);
    }
  });
});

describe('apcMorphology', () => {
  const normal = normalMorphology(72);

  it('has an upright P at 0.6× the normal amplitude, wider, from a high atrial focus', () => {
    const apc = apcMorphology(72, 'high');
    expect(wave(apc, 'P').amplitudeMv / wave(normal, 'P').amplitudeMv).toBeCloseTo(0.6, 12);
    expect(wave(apc, 'P').widthSec).toBeGreaterThan(wave(normal, 'P').widthSec);
  });

  it('has an inverted P from a low atrial focus', () => {
    expect(wave(apcMorphology(72, 'low'), 'P').amplitudeMv).toBeLessThan(0);
  });

  it('keeps the normal QRS and T', () => {
    const apc = apcMorphology(72, 'high');
    for (const name of ['Q', 'R', 'S', 'T'] as const) expect(wave(apc, name)).toEqual(wave(normal, name));
  });
});
