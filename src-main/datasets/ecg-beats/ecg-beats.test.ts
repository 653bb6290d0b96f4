import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tensor, toNumbers } from '../../engine';
import { argmax, forward } from '../../explain/black-box';
import { splitRows, truthRuns } from '../benchmarks/testing/truth-runs';
import { generateEcgBeats } from './ecg-beats';

const data = generateEcgBeats({ seed: 3, size: 'full' });
const [N, T, F] = data.shape;
const CENTRE = 180;
const FS = 360;
const shippedModel = fileURLToPath(new URL('../../../models/ecg-beat-cnn.onnx', import.meta.url));
const card = JSON.parse(readFileSync(shippedModel.replace(/\.onnx$/, '.json'), 'utf8')) as {
  classNames: string[];
  input: { channels: { name: string }[] };
  preprocessing: { channelMean: number[]; channelStd: number[] };
  metrics: { values: { accuracy: number } };
};
const at = (n: number, t: number, f: number): number => data.x[(n * T + t) * F + f] ?? NaN;

describe("ECG beats ('ecg-synth')", () => {
  it("is 1-second windows of the beat CNN's two leads at 360 Hz, its classes in its order, time stamps 0…359", () => {
    expect([T, F]).toEqual([360, card.input.channels.length]);
    expect(card.input.channels.map((c) => c.name)).toEqual(['MLII', 'V5']);
    expect(data.x).toHaveLength(N * T * F);
    expect(data.truth).toHaveLength(N * T * F);
    expect(data.labels).toHaveLength(N);
    expect(Array.from(data.times ?? [])).toEqual(Array.from({ length: 360 }, (_, t) => t));
    expect(data.classNames).toEqual(card.classNames);
    expect(data.classNames).toEqual(['N', 'S', 'V']);
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

  it("is preprocessed as the card says: each lead's window mean removed, then (x − mean) / std", () => {
    // After subtracting the window mean, a lead's mean over the window is −channelMean / channelStd.
    const { channelMean, channelStd } = card.preprocessing;
    let worst = 0;
    for (let n = 0; n < N; n += 7) {
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let t = 0; t < T; t++) sum += at(n, t, f);
        const expected = -(channelMean[f] ?? NaN) / (channelStd[f] ?? NaN);
        worst = Math.max(worst, Math.abs(sum / T - expected));
      }
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('is what the shipped beat CNN classifies as its card reports (accuracy on held-out beats)', async () => {
    const [from, to] = splitRows(data).test;
    const frame = T * F;
    const x = tensor('float32', [to - from, T, F], data.x.slice(from * frame, to * frame));
    const box = { name: shippedModel, onnx: readFileSync(shippedModel), output: 'logits' } as const;
    const logits = toNumbers(await forward(box, x));
    const classes = card.classNames.length;
    let correct = 0;
    for (let n = 0; n < to - from; n++) if (argmax(logits, n * classes, classes) === data.labels?.[from + n]) correct++;
    // The card reports accuracy 1 on a held-out record; the set's rhythms reach 1 bpm past its training range.
    expect(correct / (to - from)).toBeGreaterThanOrEqual(card.metrics.values.accuracy - 0.02);
  });

  it('has about 60 % normal beats, 20 % APCs and 20 % PVCs in every split', () => {
    for (const [from, to] of Object.values(splitRows(data))) {
      const labels = Array.from(data.labels?.subarray(from, to) ?? []);
      const shares = [0, 1, 2].map((c) => labels.filter((l) => l === c).length / labels.length);
      // Ectopy is drawn per sinus beat: with ≥ 600 beats the share's sd is below 0.02.
      [0.6, 0.2, 0.2].forEach((expected, c) => expect(Math.abs((shares[c] ?? NaN) - expected)).toBeLessThan(0.08));
    }
  });

  it("marks a PVC's QRS and missing P, an APC's premature P, and nothing in a normal beat, on both leads", () => {
    const problems: string[] = [];
    for (let n = 0; n < N; n++) {
      const runs = truthRuns(data, n);
      const leadRuns = (f: number): string =>
        JSON.stringify(runs.filter((r) => r.feature === f).map((r) => [r.start, r.length]));
      if (leadRuns(0) !== leadRuns(1)) problems.push(`${n}: the leads' truths differ`);
      const covers = (t: number): boolean => runs.some((r) => r.start <= t && t < r.start + r.length);
      switch (data.classNames?.[data.labels?.[n] ?? -1]) {
        case 'N':
          if (runs.length > 0) problems.push(`${n}: normal beat with truth`);
          break;
        case 'V':
          // The wide QRS around the R peak, and the sinus P's place about 0.19 s before it.
          if (!covers(CENTRE) || !covers(CENTRE - Math.round(0.194 * FS)))
            problems.push(`${n}: PVC truth ${JSON.stringify(runs)}`);
          break;
        case 'S':
          // Only the ectopic P, before the QRS: one run per lead.
          if (runs.length !== F || covers(CENTRE) || (runs[0]?.start ?? T) > CENTRE - 0.05 * FS) {
            problems.push(`${n}: APC truth ${JSON.stringify(runs)}`);
          }
          break;
        default:
          problems.push(`${n}: label ${data.labels?.[n]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('centres each window on the R peak: the QRS is the largest deflection near the centre of each lead', () => {
    for (let f = 0; f < F; f++) {
      let centred = 0;
      for (let n = 0; n < N; n++) {
        let peak = 0;
        for (let t = 1; t < T; t++) if (Math.abs(at(n, t, f)) > Math.abs(at(n, peak, f))) peak = t;
        if (Math.abs(peak - CENTRE) <= 0.05 * FS) centred++;
      }
      // A neighbouring beat's QRS can be as large, so nearly all, not all, windows peak at the centre.
      expect(centred / N).toBeGreaterThan(0.9);
    }
  });
});
