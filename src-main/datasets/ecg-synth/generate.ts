import { BEAT_ANNOTATION, beatClassId, type BeatClass } from './beat-classes';
import { abnormalSpans, spansToRegions, type AbnormalRegion, type AbnormalSpan } from './ground-truth';
import type { LeadName } from './leads';
import { apcMorphology, normalMorphology, pvcMorphology, type BeatMorphology } from './morphology';
import { addNoise } from './noise';
import { resolveEcgOptions, type EcgOptions, type ResolvedEcgOptions } from './options';
import { SeededRandom } from './random';
import { renderBeats } from './render';
import { planRhythm, type PlannedBeat } from './rhythm';
import { RrTachogram } from './tachogram';

export interface SyntheticBeat {
  /** Sample index of the R peak (the QRS extremum). */
  rPeak: number;
  beatClass: BeatClass;
  /** MIT annotation code and symbol: N = 1, V = 5, A = 8. */
  code: number;
  symbol: string;
  /** Ground truth: where this beat's abnormal morphology lives; empty for normal beats. */
  abnormalRegions: readonly AbnormalRegion[];
}

export interface SyntheticLead {
  name: LeadName;
  units: 'mV';
  signal: Float64Array;
}

export interface SyntheticEcg {
  options: ResolvedEcgOptions;
  samplingRateHz: number;
  sampleCount: number;
  leads: readonly SyntheticLead[];
  beats: readonly SyntheticBeat[];
  /** R-peak samples, one per beat, in order. */
  rPeaks: Int32Array;
  /** Each beat's index in BEAT_CLASSES. */
  beatClassIds: Uint8Array;
}

/** Independent random streams, so that changing one option does not reshuffle the others. */
const STREAM = { tachogram: 0, rhythm: 1, respiration: 2, firstLeadNoise: 16 } as const;

/**
 * A seeded ECGSYN-style record (formats.md §5): sinus rhythm with HRV, isolated PVCs and APCs,
 * noise, and for every beat its annotation and the ground truth of its abnormal morphology.
 */
export function generateEcg(options: EcgOptions): SyntheticEcg {
  const o = resolveEcgOptions(options);
  const samplingRateHz = o.samplingRateHz;
  const sampleCount = Math.max(1, Math.round(o.durationSec * samplingRateHz));
  const tachogram = new RrTachogram(o, new SeededRandom(o.seed, STREAM.tachogram));
  const planned = planRhythm(o, tachogram, new SeededRandom(o.seed, STREAM.rhythm));

  const templates = beatTemplates(o.heartRateBpm);
  const templateOf = (beat: PlannedBeat): BeatTemplate =>
    beat.beatClass === 'apc' ? templates[`apc-${beat.atrialFocus}`] : templates[beat.beatClass];
  const placed = planned
    .map((beat) => ({ rPeak: Math.round(beat.timeSec * samplingRateHz), ...templateOf(beat) }))
    .filter(({ rPeak }) => rPeak < sampleCount);

  const leads: SyntheticLead[] = o.leads.map((name) => ({ name, units: 'mV', signal: new Float64Array(sampleCount) }));
  renderBeats(placed, leads, samplingRateHz);
  const respirationPhase = 2 * Math.PI * new SeededRandom(o.seed, STREAM.respiration).uniform();
  leads.forEach(({ signal }, lead) => {
    addNoise(signal, o, respirationPhase, new SeededRandom(o.seed, STREAM.firstLeadNoise + lead));
  });

  const beats: SyntheticBeat[] = placed.map(({ rPeak, beatClass, spans }) => ({
    rPeak,
    beatClass,
    ...BEAT_ANNOTATION[beatClass],
    abnormalRegions: spansToRegions(spans, rPeak, samplingRateHz, sampleCount),
  }));

  return {
    options: o,
    samplingRateHz,
    sampleCount,
    leads,
    beats,
    rPeaks: Int32Array.from(beats, (b) => b.rPeak),
    beatClassIds: Uint8Array.from(beats, (b) => beatClassId(b.beatClass)),
  };
}

interface BeatTemplate {
  beatClass: BeatClass;
  morphology: BeatMorphology;
  spans: readonly AbnormalSpan[];
}

/** Every kind of beat the rhythm can ask for, built once per record. */
function beatTemplates(heartRateBpm: number): Record<'normal' | 'pvc' | 'apc-high' | 'apc-low', BeatTemplate> {
  const normal = normalMorphology(heartRateBpm);
  const template = (beatClass: BeatClass, morphology: BeatMorphology): BeatTemplate => ({
    beatClass,
    morphology,
    spans: abnormalSpans(beatClass, morphology, normal),
  });
  return {
    normal: template('normal', normal),
    pvc: template('pvc', pvcMorphology()),
    'apc-high': template('apc', apcMorphology(heartRateBpm, 'high')),
    'apc-low': template('apc', apcMorphology(heartRateBpm, 'low')),
  };
}
