import type Database from 'better-sqlite3';
import { writeEdfPlus } from '../formats/edf';
import { asciiText } from '../formats/edf/identification';
import { readChannelSamples } from '../store';
import { labelWithNote } from './annotation-text';
import type { ExportContent } from './export-content';

/** An EDF signal label holds 16 printable ASCII characters. */
const EDF_LABEL_LENGTH = 16;

/**
 * An EDF+C file at `path` with the record's signals (physical units, 16-bit) and its annotations
 * as TALs: onset and duration in seconds from the record's start, the text the label (with
 * `/subtype` when there is one) and the note, linked to its channel as `text@@label`. The header
 * holds the patient id and the start date only; the record's free-text info is never written there.
 */
export function writeEdfExport(db: Database.Database, { record, annotations }: ExportContent, path: string): void {
  const labels = record.channels.map((c) => asciiText(c.name).slice(0, EDF_LABEL_LENGTH).trim());
  writeEdfPlus(path, {
    startTime: record.startTime,
    patient: { code: record.patientId },
    recording: { equipment: 'Salience Workbench' },
    channels: record.channels.map((c, index) => ({
      label: labels[index] ?? '',
      units: c.units,
      samplingRateHz: c.samplingRateHz,
      sampleCount: c.sampleCount,
      read: (start: number, count: number) =>
        readChannelSamples(db, c.id, start, count).map((digital) => (digital - c.baseline) / c.gain),
    })),
    annotations: annotations.map((a) => ({
      onsetS: a.sample / record.frameRateHz,
      durationS: a.endSample === null ? null : (a.endSample - a.sample) / record.frameRateHz,
      text: labelWithNote(a.subtype === 0 ? a.symbol : `${a.symbol}/${a.subtype}`, a),
      channelLabel: a.channel === null ? null : (labels[a.channel] ?? null),
    })),
  });
}
