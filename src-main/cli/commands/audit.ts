import { AppError } from '../../errors';
import { verifyAudit, type Study } from '../../store';
import { type Command, UsageError } from '../command';

export const auditCommand: Command = {
  name: 'audit',
  summary: "check the study's audit log (hash chain)",
  description:
    "'verify' walks the study's audit log from its first row and checks each row's hash and its link to the row before it. It exits 0 with the number of rows when the chain is intact, and 1 naming the first broken row (its id, time and action) when a row was edited or removed.",
  positionals: 'verify',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
  },
  run({ positionals, json, io, openStudy }) {
    if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError("expected 'verify'");
    const study = openStudy();
    try {
      const verdict = verifyAudit(study.db);
      if (!verdict.ok) {
        const row = brokenRow(study, verdict.brokenRowId);
        const intact = verdict.rows - 1;
        throw new AppError(
          'bad-input',
          `${study.path}: the audit log's hash chain is broken at row ${verdict.brokenRowId} (${row.at}, action '${row.action}'): ${verdict.reason}; ${intact} ${intact === 1 ? 'row' : 'rows'} before it verified intact`,
        );
      }
      io.out(
        json
          ? `${JSON.stringify({ study: study.path, rows: verdict.rows, intact: true })}\n`
          : `${study.path}: ${verdict.rows} rows, chain intact\n`,
      );
    } finally {
      study.close();
    }
    return Promise.resolve();
  },
};

function brokenRow(study: Study, id: number): { at: string; action: string } {
  return study.db.prepare('SELECT at, action FROM audit_log WHERE id = ?').get(id) as { at: string; action: string };
}
