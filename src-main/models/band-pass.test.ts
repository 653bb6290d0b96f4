import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { butterworthBandPass, filterCausal, filterZeroPhase } from './band-pass';
import type { BandPassDesign } from './band-pass';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/models/band-pass/scipy-filtered.json');

interface ScipyCase extends BandPassDesign {
  readonly x: number[];
  readonly zeroPhase: number[];
  readonly causal: number[];
}

/** |H(f)|² of the digital Butterworth band-pass of the bilinear transform: 1 / (1 + ((Ω² − Ω₁Ω₂) / (Ω (Ω₂ − Ω₁)))^2N), Ω = 2·rate·tan(πf / rate). */
function squaredMagnitude(design: BandPassDesign, f: number): number {
  const warp = (hz: number): number => 2 * design.samplingRateHz * Math.tan((Math.PI * hz) / design.samplingRateHz);
  const [omega, low, high] = [warp(f), warp(design.lowHz), warp(design.highHz)];
  const ratio = (omega * omega - low * high) / (omega * (high - low));
  return 1 / (1 + ratio ** (2 * design.order));
}

/** The amplitude of sin(2πft) and of cos(2πft) in `y` over samples [from, to), which hold whole cycles of every f. */
function projection(y: Float64Array, f: number, rate: number, from: number, to: number): { sin: number; cos: number } {
  let [s, c] = [0, 0];
  for (let n = from; n < to; n++) {
    const phase = (2 * Math.PI * f * n) / rate;
    s += (y[n] ?? NaN) * Math.sin(phase);
    c += (y[n] ?? NaN) * Math.cos(phase);
  }
  const scale = 2 / (to - from);
  return { sin: s * scale, cos: c * scale };
}

describe('the Butterworth band-pass', () => {
  // 20 s at 250 Hz; every frequency below has whole cycles in the middle 8 s (multiples of 0.125 Hz).
  const design: BandPassDesign = { order: 2, lowHz: 3, highHz: 30, samplingRateHz: 250 };
  const frequencies = [0.5, 3, 10, 30, 60, 100];
  const length = 5000;
  const mix = (): Float64Array =>
    Float64Array.from({ length }, (_, n) =>
      frequencies.reduce((sum, f) => sum + Math.sin((2 * Math.PI * f * n) / design.samplingRateHz), 2.5),
    );
  const [from, to] = [1500, 3500];
  const sections = butterworthBandPass(design);

  it('zero-phase: scales each sine of a mix by |H(f)|² (½ at both cut-offs) without shifting it', () => {
    const y = mix();
    filterZeroPhase(sections, y);
    for (const f of frequencies) {
      const { sin, cos } = projection(y, f, design.samplingRateHz, from, to);
      expect(sin).toBeCloseTo(squaredMagnitude(design, f), 3);
      expect(cos).toBeCloseTo(0, 3);
    }
    expect(projection(y, 3, design.samplingRateHz, from, to).sin).toBeCloseTo(0.5, 3);
    expect(projection(y, 30, design.samplingRateHz, from, to).sin).toBeCloseTo(0.5, 3);
  });

  it('causal: scales each sine by |H(f)| (1/√2 at the cut-offs) once past the start', () => {
    const y = mix();
    filterCausal(sections, y);
    for (const f of frequencies) {
      const { sin, cos } = projection(y, f, design.samplingRateHz, from, to);
      expect(Math.hypot(sin, cos)).toBeCloseTo(Math.sqrt(squaredMagnitude(design, f)), 3);
    }
    expect(Math.hypot(...Object.values(projection(y, 3, design.samplingRateHz, from, to)))).toBeCloseTo(
      Math.SQRT1_2,
      3,
    );
  });

  it("gives scipy's sosfiltfilt and sosfilt (from the steady state) outputs, edges included", () => {
    const { cases } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: ScipyCase[] };
    expect(cases.length).toBe(3);
    for (const c of cases) {
      const filtered = butterworthBandPass(c);
      expect(filtered.length).toBe(c.order);
      for (const [run, expected] of [
        [filterZeroPhase, c.zeroPhase],
        [filterCausal, c.causal],
      ] as const) {
        const y = Float64Array.from(c.x);
        run(filtered, y);
        expect(y.length).toBe(expected.length);
        y.forEach((v, i) => expect(Math.abs(v - (expected[i] ?? NaN))).toBeLessThan(1e-9));
      }
    }
  });
});
