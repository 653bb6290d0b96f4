import type { RecordInfo } from '$api/contract';
import { clockTime } from '../format/clock';
import { isFeatureRecord } from './icu-features';

type AxisRecord = Pick<RecordInfo, 'channels'>;

/** What the record's channels are to the analyst: an ICU stay's features, an ECG's leads. */
export function channelNoun(record: AxisRecord): 'feature' | 'lead' {
  return isFeatureRecord(record) ? 'feature' : 'lead';
}

/**
 * A span of the record as its view reads time: an ICU stay in hours from admission ("12–14 h"),
 * an ECG on its clock to the hundredth ("0:01:41.00–0:01:41.10"; `compact` drops the end's
 * hours and minutes, "0:01:41.00–41.10", for tables).
 */
export function timeSpanText(record: AxisRecord, fromSec: number, toSec: number, compact = false): string {
  if (isFeatureRecord(record)) return `${hours(fromSec)}–${hours(toSec)} h`;
  const end = clockTime(toSec, 2);
  return `${clockTime(fromSec, 2)}–${compact ? end.slice(-5) : end}`;
}

function hours(seconds: number): string {
  return String(Number((seconds / 3600).toFixed(1)));
}
