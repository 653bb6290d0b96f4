import { describe, expect, it } from 'vitest';
import { splitRows, truthRuns } from '../benchmarks/testing/truth-runs';
import { generateEcgBeats } from './ecg-beats';

const data = generateEcgBeats({ seed: 3, size: 'full' });
const [N, T, F] = data.shape;
const CENTRE = 180;
const FS = 360;

describe("ECG beats ('ecg-synth')", () => {
  it('is 1-second single-lead windows at 360 Hz with time stamps 0…359', () => {
    expect([T, F]).toEqual([360, 1]);
    expect(data.x).toHaveLength(N * T);
    expect(data.truth).toHaveLength(N * T);
    expect(data.labels).toHaveLength(N);
    expect(Array.from(data.times ?? [])).toEqual(Array.from({ length: 360 }, (_, t) => t));
    expect(data.classNames).toEqual(['normal', 'pvc', 'apc']);
    // 11 ten-minute records at 60–85 bpm: roughly 6 000–9 500 beats.
    expect(N).toBeGreaterThan(6000);
    expect(N).toBeLessThan(9500);
    const { train, validation, test } = data.split ?? { train: 0, validation: 0, test: 0 };
    expect(train + validation + test).toBe(N);
    // 8, 1 and 2 records.
    expect(train / test).toBeGreaterThan(3);
    expect(train / test).toBeLessThan(5);
    expect(validation / test).toBeGreaterThan(0.35);
    expect(validation / test).toBeLessThan(0.65);
  });

  it('has about 60 % normal beats, 20 % PVCs and 20 % APCs in every split', () => {
    for (const [from, to] of Object.values(splitRows(data))) {
      const labels = Array.from(data.labels?.subarray(from, to) ?? []);
      const shares = [0, 1, 2].map((c) => labels.filter((l) => l === c).length / labels.length);
      // Ectopy is drawn per sinus beat: with ≥ 600 beats the share's sd is below 0.02.
      [0.6, 0.2, 0.2].forEach((expected, c) => expect(Math.abs((shares[c] ?? NaN) - expected)).toBeLessThan(0.08));
    }
  });

  it("marks a PVC's QRS and missing P, an APC's premature P, and nothing in a normal beat", () => {
    const problems: string[] = [];
    for (let n = 0; n < N; n++) {
      const runs = truthRuns(data, n);
      const covers = (t: number): boolean => runs.some((r) => r.start <= t && t < r.start + r.length);
      switch (data.labels?.[n]) {
        case 0:
          if (runs.length > 0) problems.push(`${n}: normal beat with truth`);
          break;
        case 1:
          // The wide QRS around the R peak, and the sinus P's place about 0.19 s before it.
          if (!covers(CENTRE) || !covers(CENTRE - Math.round(0.194 * FS)))
            problems.push(`${n}: PVC truth ${JSON.stringify(runs)}`);
          break;
        case 2:
          // Only the ectopic P, before the QRS.
          if (runs.length !== 1 || covers(CENTRE) || (runs[0]?.start ?? T) > CENTRE - 0.05 * FS) {
            problems.push(`${n}: APC truth ${JSON.stringify(runs)}`);
          }
          break;
        default:
          problems.push(`${n}: label ${data.labels?.[n]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('centres each window on the R peak: the QRS is the largest deflection near the centre', () => {
    let centred = 0;
    for (let n = 0; n < N; n++) {
      const window = data.x.subarray(n * T, (n + 1) * T);
      const mean = window.reduce((s, v) => s + v, 0) / T;
      let peak = 0;
      for (let t = 1; t < T; t++)
        if (Math.abs((window[t] ?? 0) - mean) > Math.abs((window[peak] ?? 0) - mean)) peak = t;
      if (Math.abs(peak - CENTRE) <= 0.05 * FS) centred++;
    }
    // A neighbouring beat's QRS can be as large, so nearly all, not all, windows peak at the centre.
    expect(centred / N).toBeGreaterThan(0.9);
  });
});
