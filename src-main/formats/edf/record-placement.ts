import { FormatError } from '../format-error';
import type { AnnotationScan } from './edf-annotations';
import type { EdfHeader } from './edf-header';
import { RecordTimeline } from './record-timeline';

export interface RecordPlacement {
  timeline: RecordTimeline;
  /** Onset of the first data record after the header's start, as written (`+0.3945312`). */
  originText: string;
  originS: number;
}

/**
 * Places the data records on the frame axis. EDF+D records go where their time-keeping TALs say
 * (gaps between them read as NaN); every other file's records follow one another, and an EDF+C
 * record whose TAL disagrees with that is reported as a warning rather than moved.
 */
export function placeRecords(
  file: string,
  header: EdfHeader,
  scan: AnnotationScan,
  frame: { rateHz: number; perRecord: number },
  warnings: string[],
): RecordPlacement {
  const first = scan.timekeeping[0] ?? null;
  const originText = first?.onsetText ?? '+0';
  const originS = first?.onset ?? 0;
  if (header.variant === 'discontinuous') {
    const starts = new Float64Array(header.recordCount);
    for (let record = 0; record < header.recordCount; record++) {
      const tal = scan.timekeeping[record] ?? null;
      const at = { byteOffset: header.headerBytes + record * header.recordBytes };
      if (tal === null) throw new FormatError(file, at, `expected a time-keeping TAL in EDF+D data record ${record}`);
      const start = Math.round((tal.onset - originS) * frame.rateHz);
      const earliest = record === 0 ? 0 : (starts[record - 1] as number) + frame.perRecord;
      if (!(start >= earliest && start <= Number.MAX_SAFE_INTEGER)) {
        const expected = `data record ${record} to start after the end of the previous one, found onset ${tal.onsetText}`;
        throw new FormatError(file, { byteOffset: tal.byteOffset }, `expected ${expected}`);
      }
      starts[record] = start;
    }
    return { timeline: new RecordTimeline(frame.perRecord, header.recordCount, starts), originText, originS };
  }
  if (header.variant === 'continuous') {
    const missing = scan.timekeeping.filter((tal) => tal === null).length;
    if (missing > 0) warnings.push(`${missing} data records have no time-keeping annotation; assumed back to back.`);
    const drifted = scan.timekeeping.findIndex(
      (tal, record) =>
        tal !== null && Math.abs(tal.onset - originS - record * header.recordDurationS) * frame.rateHz > 0.5,
    );
    if (drifted > 0) {
      const onset = scan.timekeeping[drifted]?.onsetText ?? '';
      warnings.push(`EDF+C data record ${drifted} is stamped ${onset} s, not where continuous records put it.`);
    }
  }
  return { timeline: new RecordTimeline(frame.perRecord, header.recordCount, null), originText, originS };
}
