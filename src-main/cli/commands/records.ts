import { listRecords } from '../../store';
import type { Command } from '../command';
import { formatDuration, formatTable } from '../table';

export const recordsCommand: Command = {
  name: 'records',
  summary: "list a study's records",
  description:
    'Lists the records of a study: id, source, patient, channels, sampling rate, samples, duration and annotation count.',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
    search: { type: 'string', value: 'TEXT', description: 'only records whose name, source or patient contains TEXT' },
  },
  run({ values, json, io, openStudy }) {
    const study = openStudy();
    try {
      const search = typeof values.search === 'string' ? values.search : undefined;
      const records = listRecords(study.db, search);
      if (json) {
        io.out(`${JSON.stringify({ study: study.path, records })}\n`);
      } else if (records.length === 0) {
        io.out(`${study.path}: no records${search === undefined ? '' : ` matching '${search}'`}\n`);
      } else {
        io.out(
          formatTable(
            ['id', 'record', 'source', 'patient', 'channels', 'rate (Hz)', 'samples', 'duration', 'annotations'],
            records.map((r) => [
              String(r.id),
              r.name,
              r.source,
              r.patientId ?? '—',
              String(r.channelCount),
              r.samplingRateHz >= 1 ? String(r.samplingRateHz) : `1/${Math.round(1 / r.samplingRateHz)}`,
              String(r.sampleCount),
              formatDuration(r.durationSec),
              String(r.annotationCount),
            ]),
          ),
        );
      }
    } finally {
      study.close();
    }
    return Promise.resolve();
  },
};
