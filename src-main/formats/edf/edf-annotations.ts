import type { SourceAnnotation } from '../record-source';
import type { EdfHeader } from './edf-header';
import { type FileWindow, readAheadFor } from './file-window';
import { type Tal, parseTals } from './tal';

export interface AnnotationScan {
  /** The time-keeping TAL of each data record, or null where a record lacks one. */
  timekeeping: (Tal | null)[];
  /** TALs with text, in file order (a time-keeping TAL's empty text left out). */
  annotated: Tal[];
}

/** Reads every annotation signal of every data record (EDF+ keeps a TAL inside one record). */
export function scanAnnotations(file: string, header: EdfHeader, window: FileWindow): AnnotationScan {
  const annotationSignals = header.signals.filter((s) => s.isAnnotation);
  const timekeeping: (Tal | null)[] = [];
  const annotated: Tal[] = [];
  if (annotationSignals.length === 0) return { timekeeping, annotated };
  // Reading whole records pays only when the annotations are a fair part of them; otherwise one
  // small read per record beats pulling every waveform byte of a 24-hour file through memory.
  const annotationBytes = annotationSignals.reduce((sum, s) => sum + s.samplesPerRecord * header.bytesPerSample, 0);
  const readAhead = annotationBytes * 16 >= header.recordBytes ? readAheadFor(header.recordBytes) : 0;
  for (let record = 0; record < header.recordCount; record++) {
    annotationSignals.forEach((signal, signalIndex) => {
      const position = header.headerBytes + record * header.recordBytes + signal.recordOffset;
      const length = signal.samplesPerRecord * header.bytesPerSample;
      const { bytes, index } = window.view(position, length, readAhead);
      const tals = parseTals(file, bytes.subarray(index, index + length), position);
      const first = tals[0];
      const keepsTime = signalIndex === 0 && first !== undefined && first.texts[0] === '';
      if (signalIndex === 0) timekeeping.push(keepsTime ? first : null);
      for (const tal of tals) {
        const texts = tal === first && keepsTime ? tal.texts.slice(1) : tal.texts;
        if (texts.some((text) => text !== '')) annotated.push({ ...tal, texts: texts.filter((text) => text !== '') });
      }
    });
  }
  return { timekeeping, annotated };
}

/**
 * TALs as the record's annotations: one per text, placed at the frame rate relative to the first
 * data record (`originS`, seconds after the header's start). The text before `@@` is the
 * symbol, the channel named after `@@` (a common EDF+ convention) is linked when it exists,
 * and aux keeps the full text.
 */
export function toSourceAnnotations(
  tals: readonly Tal[],
  originS: number,
  frameRateHz: number,
  channelLabels: readonly string[],
): SourceAnnotation[] {
  const annotations: SourceAnnotation[] = [];
  for (const tal of tals) {
    const sample = Math.round((tal.onset - originS) * frameRateHz);
    const endSample = tal.duration === null ? null : Math.round((tal.onset + tal.duration - originS) * frameRateHz);
    for (const text of tal.texts) {
      const link = text.lastIndexOf('@@');
      const symbol = link > 0 ? text.slice(0, link) : text;
      const channel = link > 0 ? channelLabels.indexOf(text.slice(link + 2)) : -1;
      annotations.push({
        sample,
        endSample,
        channel: channel === -1 ? null : channel,
        code: null,
        symbol,
        subtype: 0,
        aux: text,
      });
    }
  }
  return annotations.sort((a, b) => a.sample - b.sample);
}
