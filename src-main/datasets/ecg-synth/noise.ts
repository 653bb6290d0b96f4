import { HF_PEAK } from './tachogram';
import type { SeededRandom } from './random';

export interface NoiseParams {
  samplingRateHz: number;
  noiseMv: number;
  baselineWanderMv: number;
  mainsMv: number;
  mainsHz: number;
}

/** Cut-off of the EMG-like noise's high-pass: muscle noise lies above the P and T waves' band. */
const EMG_HIGH_PASS_HZ = 10;

/**
 * Adds, in place: respiratory baseline wander z₀(t) = A·sin(2π·f_resp·t + φ) at the RSA
 * frequency, mains interference, and EMG-like high-passed Gaussian noise of the given RMS.
 * `respirationPhase` is shared by all leads (one patient breathes once).
 */
export function addNoise(
  signal: Float64Array,
  params: NoiseParams,
  respirationPhase: number,
  random: SeededRandom,
): void {
  const mainsPhase = 2 * Math.PI * random.uniform();
  addSine(signal, params.baselineWanderMv, HF_PEAK.centreHz / params.samplingRateHz, respirationPhase);
  addSine(signal, params.mainsMv, params.mainsHz / params.samplingRateHz, mainsPhase);
  addEmg(signal, params.noiseMv, params.samplingRateHz, random);
}

function addSine(signal: Float64Array, amplitude: number, cyclesPerSample: number, phase: number): void {
  if (amplitude === 0) return;
  const step = 2 * Math.PI * cyclesPerSample;
  for (let i = 0; i < signal.length; i++) signal[i] = (signal[i] ?? 0) + amplitude * Math.sin(step * i + phase);
}

/** White Gaussian noise through a one-pole high-pass y[n] = a·(y[n−1] + x[n] − x[n−1]). */
function addEmg(signal: Float64Array, rmsMv: number, samplingRateHz: number, random: SeededRandom): void {
  if (rmsMv === 0) return;
  const a = 1 / (1 + (2 * Math.PI * EMG_HIGH_PASS_HZ) / samplingRateHz);
  // The filter's power gain for white input is 2a²/(1 + a); scale the input so the output has the asked RMS.
  const inputScale = rmsMv / Math.sqrt((2 * a * a) / (1 + a));
  let previousInput = 0;
  let output = 0;
  for (let i = 0; i < signal.length; i++) {
    const input = inputScale * random.gaussian();
    output = a * (output + input - previousInput);
    previousInput = input;
    signal[i] = (signal[i] ?? 0) + output;
  }
}
