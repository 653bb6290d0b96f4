import { leadWaveScale, type LeadName } from './leads';
import type { BeatMorphology } from './morphology';

export interface PlacedBeat {
  /** R peak, in samples. */
  rPeak: number;
  morphology: BeatMorphology;
}

/** Gaussians are negligible (below 4e-6 of their peak) beyond 5 σ. */
const SUPPORT_SIGMAS = 5;

/** Adds every beat's waves, clean, into each lead's signal (mV). */
export function renderBeats(
  beats: readonly PlacedBeat[],
  leads: readonly { name: LeadName; signal: Float64Array }[],
  samplingRateHz: number,
): void {
  for (const { name, signal } of leads) {
    for (const beat of beats) {
      for (const wave of beat.morphology) {
        addGaussian(
          signal,
          wave.amplitudeMv * leadWaveScale(name, wave.name),
          beat.rPeak + wave.offsetSec * samplingRateHz,
          wave.widthSec * samplingRateHz,
        );
      }
    }
  }
}

/**
 * Adds A·exp(−(i − centre)² / 2σ²) over ±5σ. Successive values differ by a ratio that itself
 * shrinks by the constant factor exp(−1/σ²), so two multiplications per sample replace exp().
 */
function addGaussian(signal: Float64Array, amplitude: number, centre: number, sigma: number): void {
  const first = Math.max(0, Math.ceil(centre - SUPPORT_SIGMAS * sigma));
  const last = Math.min(signal.length - 1, Math.floor(centre + SUPPORT_SIGMAS * sigma));
  const inverseVariance = 1 / (sigma * sigma);
  const z = first - centre;
  let value = amplitude * Math.exp(-0.5 * z * z * inverseVariance);
  let ratio = Math.exp(-(z + 0.5) * inverseVariance);
  const ratioStep = Math.exp(-inverseVariance);
  for (let i = first; i <= last; i++) {
    signal[i] = (signal[i] ?? 0) + value;
    value *= ratio;
    ratio *= ratioStep;
  }
}
