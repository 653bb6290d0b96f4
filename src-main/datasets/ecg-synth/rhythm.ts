import type { BeatClass } from './beat-classes';
import type { AtrialFocus } from './morphology';
import type { SeededRandom } from './random';
import type { RrTachogram } from './tachogram';

type PlannedKind = { beatClass: Exclude<BeatClass, 'apc'> } | { beatClass: 'apc'; atrialFocus: AtrialFocus };
export type PlannedBeat = PlannedKind & { timeSec: number };

export interface RhythmParams {
  durationSec: number;
  pvcFraction: number;
  apcFraction: number;
}

/** Coupling intervals as fractions of the current sinus RR (formats.md §5.3). */
const PVC_COUPLING = { low: 0.55, high: 0.7 } as const;
const APC_COUPLING = { low: 0.7, high: 0.85 } as const;
/** Share of APCs from a low atrial focus (inverted P). */
const LOW_FOCUS_SHARE = 0.25;

/**
 * Sinus rhythm driven by the RR tachogram, with isolated ectopic beats:
 * - a PVC fires at 0.55–0.70 × RR and leaves the sinus node alone, so the next sinus beat comes
 *   at t_prev + 2·RR (full compensatory pause);
 * - an APC fires at 0.70–0.85 × RR and resets the sinus node, so the next beat comes one sinus
 *   RR after it (non-compensatory pause).
 * An ectopic beat is always followed by a sinus beat, so its pause can be measured; a chance of
 * q = f/(1 − f) per sinus beat then makes ectopics a fraction f of all beats.
 */
export function planRhythm(params: RhythmParams, tachogram: RrTachogram, random: SeededRandom): PlannedBeat[] {
  const ectopicFraction = params.pvcFraction + params.apcFraction;
  const ectopicChance = ectopicFraction / (1 - ectopicFraction);
  const beats: PlannedBeat[] = [];
  const add = (timeSec: number, kind: PlannedKind): boolean => {
    if (timeSec >= params.durationSec) return false;
    beats.push({ ...kind, timeSec });
    return true;
  };
  const normal: PlannedKind = { beatClass: 'normal' };
  // Start in mid-diastole so that the first beat is whole.
  let previous = tachogram.rrAt(0) / 2;
  let going = add(previous, normal);
  while (going) {
    const rr = tachogram.rrAt(previous);
    if (ectopicFraction > 0 && random.uniform() < ectopicChance) {
      if (random.uniform() * ectopicFraction < params.pvcFraction) {
        going = add(previous + random.between(PVC_COUPLING.low, PVC_COUPLING.high) * rr, { beatClass: 'pvc' });
        previous += 2 * rr;
      } else {
        const atrialFocus: AtrialFocus = random.uniform() < LOW_FOCUS_SHARE ? 'low' : 'high';
        const ectopic = previous + random.between(APC_COUPLING.low, APC_COUPLING.high) * rr;
        going = add(ectopic, { beatClass: 'apc', atrialFocus });
        previous = ectopic + tachogram.rrAt(ectopic);
      }
      going &&= add(previous, normal);
    } else {
      previous += rr;
      going = add(previous, normal);
    }
  }
  return beats;
}
