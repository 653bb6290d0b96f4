import { userInfo } from 'node:os';
import { importFiles, importFormats, type ImportFormat } from '../../formats';
import { withStudyCreatedIfMissing } from '../../store';
import { type Command, UsageError } from '../command';

export const importCommand: Command = {
  name: 'import',
  summary: 'import records (WFDB, EDF/BDF, CSV, MIMIC-III tables) into a study',
  description:
    'Imports records into a study, creating the study if needed. A WFDB record is named by its .hea (its annotation files are found beside it); a folder of MIMIC-III tables becomes one record per ICU stay. The import is one transaction: if any file is bad, the study is left as it was and the message names the file, the place and what was expected.',
  positionals: 'PATH…',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file (created if missing)' },
    format: {
      type: 'string',
      value: importFormats.join('|'),
      description: 'the format of every PATH (default auto: by extension; a folder is MIMIC-III)',
    },
  },
  async run({ values, positionals, json, io }) {
    if (positionals.length === 0) throw new UsageError('expected at least one PATH to import');
    const format = parseFormat(values.format);
    const imported = await withStudyCreatedIfMissing(values.study as string, (study) =>
      importFiles(study, positionals, format, userInfo().username),
    );
    if (json) {
      io.out(`${JSON.stringify({ study: values.study, records: imported })}\n`);
      return;
    }
    for (const record of imported) {
      io.out(
        `imported ${record.name} (${record.format}) as record ${record.recordId}: ${record.channelCount} channels, ${record.frameCount} frames, ${record.annotationCount} annotations\n`,
      );
      for (const warning of record.warnings) io.out(`  warning: ${warning}\n`);
    }
  },
};

function parseFormat(value: string | boolean | undefined): ImportFormat {
  if (value === undefined) return 'auto';
  const format = importFormats.find((f) => f === value);
  if (format === undefined) {
    throw new UsageError(`--format: expected one of ${importFormats.join(', ')}, got '${String(value)}'`);
  }
  return format;
}
