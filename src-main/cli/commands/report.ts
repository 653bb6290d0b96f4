import { userInfo } from 'node:os';
import { writeReport, type TimeWindow } from '../../report';
import { type Command, type CommandContext, UsageError } from '../command';
import { optionalNumber } from '../number-options';

export const reportCommand: Command = {
  name: 'report',
  summary: "write a record's annotated report as PDF or self-contained HTML (de-identified by default)",
  description:
    "Writes the annotated report of one record (named by id or name): its identifiers and acquisition details, the chosen windows on a calibrated ECG grid (25 mm/s, 10 mm/mV) with annotation marks and one saliency strip per stored explanation, the annotation list, the model and explainer provenance, the analyst's summary, and the generation time and app version. F.pdf gives a vector PDF (landscape A4), F.html a single HTML file that loads nothing else. The windows are the --from/--to pairs given (any number of them), else the windows of the record's explanations, else its first 10 s. Unless --identified is given, the record's free-text header fields and annotation notes other than standard rhythm codes are left out (docs/REPORTS.md). The file appears only once complete, and every report is recorded in the study's audit log.",
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
    record: { type: 'string', value: 'ID', required: true, description: 'the record, by id or name' },
    out: {
      type: 'string',
      value: 'F.pdf|F.html',
      required: true,
      description: 'the report to write (its folder must exist)',
    },
    from: { type: 'string', value: 'SEC', multiple: true, description: 'start of a window to draw, in seconds' },
    to: { type: 'string', value: 'SEC', multiple: true, description: 'end of that window, in seconds' },
    summary: { type: 'string', value: 'TEXT', description: "the analyst's summary, printed in the report" },
    identified: { type: 'boolean', description: 'keep free-text header fields and annotation notes' },
  },
  async run({ values, lists, json, io, openStudy }) {
    const windows = windowOptions(lists);
    const study = openStudy();
    try {
      const result = await writeReport(study.db, {
        record: values.record as string,
        out: values.out as string,
        windows,
        identified: values.identified === true,
        summary: typeof values.summary === 'string' && values.summary.trim() !== '' ? values.summary : null,
        actor: userInfo().username,
      });
      if (json) {
        io.out(`${JSON.stringify({ study: study.path, ...result })}\n`);
      } else {
        const shown = result.windows.map((w) => `${w.startSec}–${w.endSec} s`).join(', ');
        const how = result.deidentified ? 'de-identified' : 'identified';
        io.out(
          `wrote ${result.out}: ${result.format} report of record ${result.recordName} (id ${result.recordId}), windows ${shown}, ${result.explanations} explanation(s), ${how}\n`,
        );
      }
    } finally {
      study.close();
    }
  },
};

/** The --from/--to pairs, in the order given. */
function windowOptions(lists: CommandContext['lists']): TimeWindow[] {
  const seconds = (name: string): number[] =>
    (lists?.[name] ?? []).map((text) => optionalNumber({ [name]: text }, name, { min: 0 }) ?? 0);
  const starts = seconds('from');
  const ends = seconds('to');
  if (starts.length !== ends.length) {
    throw new UsageError(`give --from and --to in pairs (got ${starts.length} --from and ${ends.length} --to)`);
  }
  return starts.map((startSec, i) => {
    const endSec = ends[i] ?? startSec;
    if (endSec <= startSec) throw new UsageError(`--to ${endSec} must come after --from ${startSec}`);
    return { startSec, endSec };
  });
}
