import { AppError } from '../../errors';
import { LEAD_NAMES, isLeadName, type LeadName } from './leads';

export interface EcgOptions {
  durationSec: number;
  /** Any 32-bit unsigned integer; the same seed and options give the same record. */
  seed: number;
  /** Default 360 Hz, as MIT-BIH. */
  samplingRateHz?: number;
  /** Default ['MLII', 'V5']. */
  leads?: readonly LeadName[];
  /** Mean sinus rate; default 60 bpm (ecgsyn.m). */
  heartRateBpm?: number;
  /** Standard deviation of the sinus rate; default 1 bpm (ecgsyn.m). */
  heartRateStdBpm?: number;
  /** LF/HF power ratio of the RR tachogram; default 0.5 (ecgsyn.m). */
  lfHfRatio?: number;
  /** Expected fraction of all beats that are PVCs; default 0. */
  pvcFraction?: number;
  /** Expected fraction of all beats that are APCs; default 0. */
  apcFraction?: number;
  /** RMS of EMG-like high-frequency noise (mV); default 0.02. */
  noiseMv?: number;
  /** Amplitude of respiratory baseline wander (mV); default 0.15 (McSharry et al.). */
  baselineWanderMv?: number;
  /** Amplitude of mains interference (mV); default 0. */
  mainsMv?: number;
  /** Mains frequency; default 60 Hz (MIT-BIH was recorded in the US). */
  mainsHz?: 50 | 60;
}

export type ResolvedEcgOptions = Required<EcgOptions>;

export const DEFAULT_ECG_OPTIONS: Omit<ResolvedEcgOptions, 'durationSec' | 'seed'> = {
  samplingRateHz: 360,
  leads: ['MLII', 'V5'],
  heartRateBpm: 60,
  heartRateStdBpm: 1,
  lfHfRatio: 0.5,
  pvcFraction: 0,
  apcFraction: 0,
  noiseMv: 0.02,
  baselineWanderMv: 0.15,
  mainsMv: 0,
  mainsHz: 60,
};

const MAINS_FREQUENCIES: readonly number[] = [50, 60];
const MAX_DURATION_SEC = 24 * 3600;
/** Ectopic beats never come back to back, so at most every other beat can be one (bigeminy). */
const MAX_ECTOPIC_FRACTION = 0.5;
/** Keeps the RR process far from zero: its coefficient of variation stays at or below 10 %. */
const MAX_HR_CV = 0.1;

export function resolveEcgOptions(options: EcgOptions): ResolvedEcgOptions {
  const r: ResolvedEcgOptions = {
    ...DEFAULT_ECG_OPTIONS,
    ...withoutUndefined(options),
    durationSec: options.durationSec,
    seed: options.seed,
  };
  requireRange('durationSec', r.durationSec, 0, MAX_DURATION_SEC, { exclusiveLow: true });
  if (!Number.isInteger(r.seed) || r.seed < 0 || r.seed > 0xffff_ffff) {
    throw invalid('seed', 'an integer from 0 to 4294967295', r.seed);
  }
  requireRange('samplingRateHz', r.samplingRateHz, 100, 10_000);
  requireLeads(r.leads);
  requireRange('heartRateBpm', r.heartRateBpm, 20, 250);
  requireRange('heartRateStdBpm', r.heartRateStdBpm, 0, MAX_HR_CV * r.heartRateBpm);
  requireRange('lfHfRatio', r.lfHfRatio, 0, 100);
  requireRange('pvcFraction', r.pvcFraction, 0, MAX_ECTOPIC_FRACTION);
  requireRange('apcFraction', r.apcFraction, 0, MAX_ECTOPIC_FRACTION - r.pvcFraction);
  requireRange('noiseMv', r.noiseMv, 0, 5);
  requireRange('baselineWanderMv', r.baselineWanderMv, 0, 5);
  requireRange('mainsMv', r.mainsMv, 0, 5);
  if (!MAINS_FREQUENCIES.includes(r.mainsHz)) throw invalid('mainsHz', '50 or 60', r.mainsHz);
  if (r.mainsMv > 0 && r.mainsHz >= r.samplingRateHz / 2) {
    throw invalid('mainsHz', `a frequency below half the sampling rate (${r.samplingRateHz / 2} Hz)`, r.mainsHz);
  }
  return r;
}

/** An option given as undefined takes its default. */
function withoutUndefined(options: EcgOptions): Partial<EcgOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

function requireRange(
  name: string,
  value: unknown,
  low: number,
  high: number,
  { exclusiveLow = false }: { exclusiveLow?: boolean } = {},
): void {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (exclusiveLow ? value > low : value >= low) && value <= high;
  if (!ok) throw invalid(name, `a number in ${exclusiveLow ? '(' : '['}${low}, ${high}]`, value);
}

function requireLeads(leads: unknown): void {
  const expected = `a non-empty list of distinct leads from ${LEAD_NAMES.join(', ')}`;
  if (!Array.isArray(leads) || leads.length === 0) throw invalid('leads', expected, leads);
  const names: unknown[] = leads;
  if (!names.every((lead) => typeof lead === 'string' && isLeadName(lead)) || new Set(names).size !== names.length) {
    throw invalid('leads', expected, leads);
  }
}

function invalid(option: string, expected: string, got: unknown): AppError {
  return new AppError(
    'invalid-request',
    `ECG synthesis option '${option}': expected ${expected}, got ${JSON.stringify(got)}`,
  );
}
