/**
 * Beat morphologies in ECGSYN's time-domain form (formats.md §5.2): each wave is a Gaussian
 * A·exp(−(t − t_R − μ)² / 2σ²) around the beat's R time, amplitudes in mV on the reference lead.
 */
export type WaveName = 'P' | 'Q' | 'R' | 'S' | 'T';

export interface Wave {
  name: WaveName;
  amplitudeMv: number;
  /** μ: centre relative to the R peak (s). */
  offsetSec: number;
  /** σ (s). */
  widthSec: number;
}

export type BeatMorphology = readonly Wave[];

/** Fixed output gain (mV per z-unit), so PVCs do not shrink the normal beats as min–max scaling would. */
export const GAIN_MV_PER_Z = 27;

/**
 * A wave covers |t − μ| ≤ σ·√(2 ln 10), where it is at least 10 % of its peak: the same threshold
 * the spec uses to measure QRS widths.
 */
export const WAVE_EXTENT_SIGMAS = Math.sqrt(2 * Math.log(10));
const EXTENT_FRACTION = 0.1;

interface AngularWave {
  name: WaveName;
  thetaDeg: number;
  a: number;
  b: number;
  /** μ scales like (60/HR)^exponent once ECGSYN's heart-rate adaptation is applied. */
  offsetExponent: number;
}

/** ecgsyn.m's default extrema (formats.md §5.1). */
const ECGSYN_WAVES: readonly AngularWave[] = [
  { name: 'P', thetaDeg: -70, a: 1.2, b: 0.25, offsetExponent: 0.75 },
  { name: 'Q', thetaDeg: -15, a: -5.0, b: 0.1, offsetExponent: 0.5 },
  { name: 'R', thetaDeg: 0, a: 30.0, b: 0.1, offsetExponent: 0 },
  { name: 'S', thetaDeg: 15, a: -7.5, b: 0.1, offsetExponent: 0.5 },
  { name: 'T', thetaDeg: 100, a: 0.75, b: 0.4, offsetExponent: 0.75 },
];

/**
 * The normal sinus beat at a mean heart rate: A = a·b²/2π (independent of HR), σ = b/2π·√(60/HR),
 * μ = θ/2π·(60/HR)^(½ for Q, S; ¾ for P, T).
 */
export function normalMorphology(heartRateBpm: number): BeatMorphology {
  const cycleSec = 60 / heartRateBpm;
  return alignToQrsPeak(
    ECGSYN_WAVES.map((w) => ({
      name: w.name,
      amplitudeMv: (GAIN_MV_PER_Z * w.a * w.b ** 2) / (2 * Math.PI),
      offsetSec: (((w.thetaDeg * Math.PI) / 180) * cycleSec ** w.offsetExponent) / (2 * Math.PI),
      widthSec: (w.b / (2 * Math.PI)) * Math.sqrt(cycleSec),
    })),
  );
}

/**
 * PVC (formats.md §5.3): no P wave, a wide and taller QRS with a deeper S, and a broad inverted T
 * discordant to the QRS. Widths stay in seconds whatever the heart rate.
 */
export function pvcMorphology(): BeatMorphology {
  return alignToQrsPeak(
    [
      { name: 'Q', amplitudeMv: -0.002, offsetSec: -0.06, widthSec: 0.025 },
      { name: 'R', amplitudeMv: 0.06, offsetSec: 0, widthSec: 0.03 },
      { name: 'S', amplitudeMv: -0.025, offsetSec: 0.065, widthSec: 0.032 },
      { name: 'T', amplitudeMv: -0.026, offsetSec: 0.32, widthSec: 0.085 },
    ].map((w) => ({ ...w, name: w.name as WaveName, amplitudeMv: GAIN_MV_PER_Z * w.amplitudeMv })),
  );
}

/** Where an ectopic atrial focus sits: high foci give an upright P, low foci an inverted one. */
export type AtrialFocus = 'high' | 'low';

const APC_P_AMPLITUDE = 0.6;
/** "Slightly wider" P: the ectopic impulse takes a longer path through the atria. */
const APC_P_WIDTH = 1.25;

/** APC (formats.md §5.3): the normal beat with an abnormal P (×0.6, wider; inverted for low foci). */
export function apcMorphology(heartRateBpm: number, focus: AtrialFocus): BeatMorphology {
  const sign = focus === 'high' ? 1 : -1;
  return normalMorphology(heartRateBpm).map((w) =>
    w.name === 'P'
      ? { ...w, amplitudeMv: sign * APC_P_AMPLITUDE * w.amplitudeMv, widthSec: APC_P_WIDTH * w.widthSec }
      : w,
  );
}

export interface TimeRange {
  startSec: number;
  endSec: number;
}

/** A single wave's extent relative to the R peak. */
export function waveExtent(wave: Wave): TimeRange {
  const half = WAVE_EXTENT_SIGMAS * wave.widthSec;
  return { startSec: wave.offsetSec - half, endSec: wave.offsetSec + half };
}

export function findWave(morphology: BeatMorphology, name: WaveName): Wave | undefined {
  return morphology.find((w) => w.name === name);
}

/** The QRS (Q + R + S only) extent relative to the R peak: where it is at least 10 % of its peak. */
export function qrsExtent(morphology: BeatMorphology): TimeRange {
  const { times, values, peakIndex } = sampleQrs(morphology);
  const threshold = EXTENT_FRACTION * Math.abs(values[peakIndex] ?? 0);
  let first = peakIndex;
  let last = peakIndex;
  values.forEach((v, i) => {
    if (Math.abs(v) >= threshold) {
      first = Math.min(first, i);
      last = Math.max(last, i);
    }
  });
  return { startSec: times[first] ?? 0, endSec: times[last] ?? 0 };
}

const QRS_GRID_STEP_SEC = 1e-4;
const QRS_GRID_HALF_SPAN_SEC = 0.3;

function sampleQrs(morphology: BeatMorphology): { times: Float64Array; values: Float64Array; peakIndex: number } {
  const qrs = morphology.filter((w) => w.name === 'Q' || w.name === 'R' || w.name === 'S');
  const count = Math.round((2 * QRS_GRID_HALF_SPAN_SEC) / QRS_GRID_STEP_SEC) + 1;
  const times = new Float64Array(count);
  const values = new Float64Array(count);
  let peakIndex = 0;
  for (let i = 0; i < count; i++) {
    const t = -QRS_GRID_HALF_SPAN_SEC + i * QRS_GRID_STEP_SEC;
    times[i] = t;
    values[i] = qrs.reduce((sum, w) => sum + gaussian(w, t), 0);
    if (Math.abs(values[i] ?? 0) > Math.abs(values[peakIndex] ?? 0)) peakIndex = i;
  }
  return { times, values, peakIndex };
}

/** Value of one wave at `t` seconds from the R peak. */
export function gaussian(wave: Wave, t: number): number {
  const z = (t - wave.offsetSec) / wave.widthSec;
  return wave.amplitudeMv * Math.exp(-0.5 * z * z);
}

/**
 * Neighbouring Q and S pull the summed peak a few milliseconds off the R Gaussian's centre (about
 * one sample for the PVC). Shifting every wave puts the QRS peak exactly on the annotated R time.
 */
function alignToQrsPeak(waves: readonly Wave[]): BeatMorphology {
  const { times, peakIndex } = sampleQrs(waves);
  const shift = times[peakIndex] ?? 0;
  return waves.map((w) => ({ ...w, offsetSec: w.offsetSec - shift }));
}
