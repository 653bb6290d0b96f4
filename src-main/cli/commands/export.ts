import { userInfo } from 'node:os';
import { exportFormats, exportRecordAnnotations, type ExportFormat } from '../../export';
import { type Command, UsageError } from '../command';

export const exportCommand: Command = {
  name: 'export',
  summary: "export a record's annotations as CSV, JSON, a WFDB annotation file or EDF+ (de-identified by default)",
  description:
    "Writes the annotations of one record (named by id or name) to a file: csv (one row per annotation), json (the record and its annotations), wfdb (an MIT-format annotation file, .atr style) or edf (EDF+C with the record's signals and an annotation channel). The export is de-identified unless --identified is given: the record's free-text info (WFDB header comments, EDF patient and recording fields) and annotation notes other than standard rhythm codes are left out (docs/EXPORTS.md lists the fields). The file appears only once complete, and every export is recorded in the study's audit log.",
  positionals: 'ID',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
    format: { type: 'string', value: exportFormats.join('|'), required: true, description: 'the file format' },
    out: { type: 'string', value: 'PATH', required: true, description: 'the file to write (its folder must exist)' },
    identified: {
      type: 'boolean',
      description: 'keep names, birth dates and free-text notes (default: de-identified)',
    },
  },
  run({ values, positionals, json, io, openStudy }) {
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new UsageError('expected exactly one record id or name');
    const format = parseFormat(values.format);
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('--out needs a file name');
    const study = openStudy();
    try {
      const result = exportRecordAnnotations(study.db, {
        record: id,
        format,
        out,
        identified: values.identified === true,
        actor: userInfo().username,
      });
      if (json) {
        io.out(`${JSON.stringify({ study: study.path, ...result })}\n`);
      } else {
        const how = result.deidentified ? 'de-identified' : 'identified';
        io.out(
          `exported ${result.count} annotations of record ${result.recordName} (id ${result.recordId}) as ${format} to ${out} (${how})\n`,
        );
      }
    } finally {
      study.close();
    }
    return Promise.resolve();
  },
};

function parseFormat(value: string | boolean | undefined): ExportFormat {
  const format = exportFormats.find((f) => f === value);
  if (format === undefined) {
    throw new UsageError(`--format: expected one of ${exportFormats.join(', ')}, got '${String(value)}'`);
  }
  return format;
}
