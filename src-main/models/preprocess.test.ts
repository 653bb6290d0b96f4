import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BandPass, ModelCard } from './model-card';
import { preprocessWindows } from './preprocess';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/models/band-pass/scipy-filtered.json');

interface ScipyCase {
  readonly order: number;
  readonly lowHz: number;
  readonly highHz: number;
  readonly samplingRateHz: number;
  readonly x: number[];
  readonly zeroPhase: number[];
  readonly causal: number[];
}

const [scipy] = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: ScipyCase[] }).cases;
if (!scipy) throw new Error(`${FIXTURE}: no case`);
const T = scipy.x.length;

/** A two-channel card at the fixture's rate: channel 0 raw, standardised by (mean, std); the band-pass on both. */
function card(
  phase: BandPass['phase'],
  mean: [number, number],
  std: [number, number],
): Pick<ModelCard, 'input' | 'preprocessing'> {
  const { order, lowHz, highHz, samplingRateHz } = scipy as ScipyCase;
  return {
    input: {
      windowLength: T,
      samplingRateHz,
      channels: [
        { name: 'a', units: 'mV' },
        { name: 'b', units: 'mV' },
      ],
    },
    preprocessing: {
      channelMean: mean,
      channelStd: std,
      filter: 'none',
      bandPass: { design: 'butterworth', order, lowHz, highHz, phase },
    },
  };
}

/** Two windows [2, T, 2] of the fixture's signal x: window 0 holds (x, −x), window 1 (0, 2x). */
function windows(): Float32Array {
  const x = new Float32Array(2 * T * 2);
  scipy?.x.forEach((v, t) => {
    x[t * 2] = v;
    x[t * 2 + 1] = -v;
    x[(T + t) * 2 + 1] = 2 * v;
  });
  return x;
}

describe('preprocessing with a band-pass', () => {
  it.each([
    ['zero-phase', (c: ScipyCase) => c.zeroPhase],
    ['causal', (c: ScipyCase) => c.causal],
  ] as const)('filters every channel of every window as scipy does (%s), then standardises', (phase, expected) => {
    const x = windows();
    const [mean, std]: [[number, number], [number, number]] = [
      [0.1, -0.2],
      [2, 0.5],
    ];
    expect(preprocessWindows(card(phase, mean, std), x, 2)).toBe(0);
    const filtered = expected(scipy);
    filtered.forEach((y, t) => {
      // The filter is linear: −x filters to −y, 2x to 2y, and the all-zero channel stays at zero.
      expect(x[t * 2]).toBeCloseTo((y - mean[0]) / std[0], 4);
      expect(x[t * 2 + 1]).toBeCloseTo((-y - mean[1]) / std[1], 4);
      expect(x[(T + t) * 2]).toBeCloseTo(-mean[0] / std[0], 4);
      expect(x[(T + t) * 2 + 1]).toBeCloseTo((2 * y - mean[1]) / std[1], 4);
    });
  });

  it('bridges missing samples with straight lines for the filter, and still feeds them as the channel mean', () => {
    const straight = windows();
    // Samples 100–109 of window 0, channel 0 already lie on the line between samples 99 and 110.
    const [from, to] = [99, 110];
    const [start, end] = [straight[from * 2] ?? NaN, straight[to * 2] ?? NaN];
    for (let t = from + 1; t < to; t++) straight[t * 2] = start + ((end - start) * (t - from)) / (to - from);
    const gapped = straight.slice();
    for (let t = from + 1; t < to; t++) gapped[t * 2] = NaN;
    gapped[0] = NaN;
    straight[0] = straight[2] ?? NaN;
    const settings = card('zero-phase', [0, 0], [1, 1]);
    preprocessWindows(settings, straight, 2);
    expect(preprocessWindows(settings, gapped, 2)).toBe(1);
    gapped.forEach((v, i) => {
      const t = Math.floor(i / 2) % T;
      const missing = i % 2 === 0 && i < T * 2 && (t === 0 || (t > from && t < to));
      if (missing) expect(v).toBe(0);
      else expect(v).toBeCloseTo(straight[i] ?? NaN, 5);
    });
  });
});
