import { userInfo } from 'node:os';
import { AppError } from '../../errors';
import { listModels } from '../../models';
import type { Study } from '../../store';
import { deleteFittedExplainer, listStudyFittedExplainers } from '../../store/fitted-explainers';
import type { FittedExplainerSummary } from '../../store/fitted-explainers';
import { type CliIo, type Command, UsageError } from '../command';
import { formatTable } from '../table';

export const explainersCommand: Command = {
  name: 'explainers',
  summary: "list and forget a study's fitted explainers (TimeX++, IB gradient-free)",
  description:
    "The amortised explainers (timexpp, timex, ib-gradient-free) are fitted once per model, parameters and seed on windows of the study, stored in it, and reused by every later explain of that model. 'list' shows the stored fits (--model M: of one model); a fit whose model was removed or registered again with other bytes is 'stale' and is never used again. 'forget ID…' removes fits by id, 'forget --model M' every fit of a model; the next explain fits afresh.",
  positionals: 'list | forget [ID…]',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
    model: { type: 'string', value: 'M', description: 'only the fits of this registered model id' },
  },
  run({ values, positionals, json, io, openStudy }) {
    const [action, ...ids] = positionals;
    const model = values.model as string | undefined;
    if (action !== 'list' && action !== 'forget') {
      throw new UsageError("expected 'list', 'forget ID…' or 'forget --model M'");
    }
    if (action === 'list' && ids.length > 0) throw new UsageError('list takes no ids (--model M narrows it)');
    if (action === 'forget' && (ids.length === 0) === (model === undefined)) {
      throw new UsageError('forget takes fitted explainer ids or --model M, one of the two');
    }
    const wanted = ids.map((id) => {
      if (!/^\d+$/.test(id))
        throw new UsageError(`forget: expected a fitted explainer id (a whole number), got '${id}'`);
      return Number(id);
    });
    const study = openStudy();
    try {
      if (action === 'list') listFits(study, model, json, io);
      else
        forget(
          study,
          model === undefined ? wanted : listStudyFittedExplainers(study.db, model).map((f) => f.id),
          json,
          io,
        );
    } finally {
      study.close();
    }
    return Promise.resolve();
  },
};

function listFits(study: Study, model: string | undefined, json: boolean, io: CliIo): void {
  const current = new Map(listModels(study.db).map((m) => [m.id, m.sha256]));
  const fits = listStudyFittedExplainers(study.db, model).map((f) => ({
    ...f,
    stale: current.get(f.modelId) !== f.modelSha256,
  }));
  if (json) {
    io.out(`${JSON.stringify({ study: study.path, explainers: fits })}\n`);
  } else if (fits.length === 0) {
    io.out(
      `${study.path}: no fitted explainers (an explain with timexpp, timex or ib-gradient-free on a record fits one)\n`,
    );
  } else {
    io.out(
      formatTable(
        ['id', 'model', 'sha256', 'method', 'seed', 'windows', 'steps', 'onnx', 'fitted', 'by', 'state'],
        fits.map((f) => [
          String(f.id),
          f.modelId,
          f.modelSha256.slice(0, 12),
          f.method,
          String(f.seed),
          metric(f, 'referenceWindows'),
          metric(f, 'steps'),
          `${Math.ceil(f.onnxBytes / 1024)} KiB`,
          f.createdAt.slice(0, 16).replace('T', ' '),
          f.createdBy,
          f.stale ? 'stale' : 'current',
        ]),
      ),
    );
  }
}

function metric(fit: FittedExplainerSummary, name: string): string {
  const value = fit.metrics[name];
  return typeof value === 'number' ? String(value) : '-';
}

function forget(study: Study, ids: readonly number[], json: boolean, io: CliIo): void {
  const actor = userInfo().username;
  // All or nothing: an unknown id leaves every fit in place.
  const removed = study.db.transaction(() =>
    ids.map((id) => {
      if (!deleteFittedExplainer(study.db, id, actor)) {
        throw new AppError(
          'not-found',
          `no fitted explainer ${id} in ${study.path} ('salience explainers list' shows them)`,
        );
      }
      return id;
    }),
  )();
  if (json) io.out(`${JSON.stringify({ forgotten: removed })}\n`);
  else
    io.out(
      removed.length === 0
        ? 'no fitted explainers to forget\n'
        : `forgot fitted explainer${removed.length === 1 ? '' : 's'} ${removed.join(', ')}\n`,
    );
}
