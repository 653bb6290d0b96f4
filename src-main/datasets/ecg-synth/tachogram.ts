import { fft, nextPowerOfTwo } from './fft';
import type { SeededRandom } from './random';

/** Centre and width (Hz) of ECGSYN's two spectral bumps: Mayer waves (LF) and respiratory sinus arrhythmia (HF). */
export const LF_PEAK = { centreHz: 0.1, widthHz: 0.01 } as const;
export const HF_PEAK = { centreHz: 0.25, widthHz: 0.01 } as const;

/**
 * ECGSYN draws the RR process at 1 Hz and band-limits it up to its internal rate. Drawing the
 * same spectrum directly at 4 Hz is that interpolation done exactly; linear interpolation between
 * 4 Hz samples then keeps HF amplitude within 2 % (between 1 Hz samples it would lose a fifth).
 */
const RR_RATE_HZ = 4;
/** ECGSYN's default of 256 s of RR process; shorter series would blur the 0.01 Hz-wide bumps. */
const MIN_SERIES_SEC = 256;

export interface TachogramParams {
  heartRateBpm: number;
  heartRateStdBpm: number;
  /** σ₁²/σ₂², the LF/HF power ratio. */
  lfHfRatio: number;
  /** Seconds of rhythm the series must cover. */
  durationSec: number;
}

/**
 * The sinus RR interval as a function of time (ECGSYN, McSharry et al. 2003): a bimodal spectrum
 * S(f) = σ₁²·G(f; 0.1, 0.01) + σ₂²·G(f; 0.25, 0.01) with random phases, inverse-transformed to an
 * RR series and rescaled to mean 60/HR and standard deviation 60·HRstd/HR² seconds.
 */
export class RrTachogram {
  private readonly series: Float64Array;

  constructor(params: TachogramParams, random: SeededRandom) {
    const n = nextPowerOfTwo(Math.ceil(Math.max(MIN_SERIES_SEC, params.durationSec + 1) * RR_RATE_HZ));
    const meanRr = 60 / params.heartRateBpm;
    const stdRr = (60 * params.heartRateStdBpm) / params.heartRateBpm ** 2;
    this.series = rescale(spectralSeries(n, params.lfHfRatio, random), meanRr, stdRr);
  }

  /** Sinus RR interval (s) at time `timeSec`. */
  rrAt(timeSec: number): number {
    const position = Math.min(Math.max(timeSec * RR_RATE_HZ, 0), this.series.length - 1);
    const i = Math.min(Math.floor(position), this.series.length - 2);
    const fraction = position - i;
    return (this.series[i] ?? 0) * (1 - fraction) + (this.series[i + 1] ?? 0) * fraction;
  }
}

function spectralSeries(n: number, lfHfRatio: number, random: SeededRandom): Float64Array {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 1; k < n / 2; k++) {
    const frequency = (k * RR_RATE_HZ) / n;
    const amplitude = Math.sqrt(lfHfRatio * bump(frequency, LF_PEAK) + bump(frequency, HF_PEAK));
    const phase = 2 * Math.PI * random.uniform();
    // Hermitian symmetry makes the inverse transform real.
    re[k] = amplitude * Math.cos(phase);
    im[k] = amplitude * Math.sin(phase);
    re[n - k] = re[k] ?? 0;
    im[n - k] = -(im[k] ?? 0);
  }
  fft(re, im, true);
  return re;
}

function bump(frequency: number, peak: { centreHz: number; widthHz: number }): number {
  const z = (frequency - peak.centreHz) / peak.widthHz;
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI * peak.widthHz ** 2);
}

function rescale(values: Float64Array, mean: number, std: number): Float64Array {
  let sum = 0;
  for (const v of values) sum += v;
  const currentMean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - currentMean) ** 2;
  const currentStd = Math.sqrt(squares / values.length);
  const scale = currentStd > 0 ? std / currentStd : 0;
  return values.map((v) => mean + (v - currentMean) * scale);
}
