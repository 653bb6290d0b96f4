import { userInfo } from 'node:os';
import { AppError } from '../../errors';
import { createProgressPrinter, openJobQueue, type Job, type JobQueue, type SummaryTable } from '../../jobs';
import { optionalNumber } from '../number-options';
import { type Command, type OptionValues, UsageError } from '../command';
import { formatTable } from '../table';

const actions = ['list', 'show', 'statistics', 'predict', 'resume', 'cancel'] as const;
type Action = (typeof actions)[number];

export const jobsCommand: Command = {
  name: 'jobs',
  summary: "list, run, resume and cancel a study's jobs",
  description:
    "Jobs run on worker threads and are kept in the study. 'list' shows them, newest first; 'show ID' one job and its summary; 'statistics' computes per-channel mean, standard deviation, minimum, maximum and missing samples of every record matching --search, --source and --records, as one job resumable record by record; 'predict' slides the window of the registered model --model over every matching record (--stride seconds apart, default one window) and stores each window's output for the record browser, record by record; 'resume ID' continues an interrupted, failed or cancelled job from its checkpoints; 'cancel ID' gives up an interrupted job. A job whose process was killed (Ctrl+C included) shows as interrupted the next time the study is opened. Progress goes to stderr: a bar on a terminal, plain lines otherwise.",
  positionals: 'list | show ID | statistics | predict | resume ID | cancel ID',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
    search: {
      type: 'string',
      value: 'TEXT',
      description: 'statistics, predict: records whose name, source or patient contains TEXT',
    },
    source: {
      type: 'string',
      value: 'FORMAT',
      description: 'statistics, predict: records imported from FORMAT (wfdb, edf, csv, …)',
    },
    records: { type: 'string', value: 'ID,…', description: 'statistics, predict: these record ids' },
    sample: {
      type: 'string',
      value: 'F',
      description: "statistics: read this share of each channel's chunks, drawn with the seed (default 1: all)",
    },
    seed: { type: 'string', value: 'N', description: 'statistics: the seed (default: drawn and kept with the job)' },
    model: { type: 'string', value: 'M', description: 'predict: the id of a model registered in the study' },
    stride: {
      type: 'string',
      value: 'SEC',
      description: 'predict: seconds between window starts (default: one window)',
    },
    workers: { type: 'string', value: 'N', description: 'worker threads (default: cores − 1)' },
  },
  async run({ values, positionals, json, io }) {
    const [action, idText, ...extra] = positionals;
    if (!isAction(action)) throw new UsageError(`expected one of ${actions.join(', ')} after 'jobs'`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0] ?? ''}'`);
    const actor = userInfo().username;
    // Progress goes to stderr, so stdout stays the command's result; --json prints none.
    const printer = createProgressPrinter({
      write: (text) => (json ? undefined : io.err(text)),
      isTTY: process.stderr.isTTY,
      columns: process.stderr.columns,
    });
    const queue = await openJobQueue(values.study as string, { actor, poolSize: optionalNumber(values, 'workers') });
    try {
      queue.onProgress((progress) => printer.update(progress));
      const outcome = await perform(queue, action, idText, values, actor);
      printer.finish();
      if (Array.isArray(outcome)) {
        io.out(json ? `${JSON.stringify({ study: queue.studyPath, jobs: outcome })}\n` : listing(outcome));
        return;
      }
      io.out(json ? `${JSON.stringify({ job: outcome })}\n` : describe(outcome));
      if (outcome.status === 'failed')
        throw new AppError('bad-input', `job ${outcome.id} failed: ${outcome.error ?? ''}`);
    } finally {
      await queue.close();
    }
  },
};

function isAction(value: string | undefined): value is Action {
  return actions.some((a) => a === value);
}

async function perform(
  queue: JobQueue,
  action: Action,
  idText: string | undefined,
  values: OptionValues,
  actor: string,
): Promise<Job | Job[]> {
  if (action === 'list' || action === 'statistics' || action === 'predict') {
    if (idText !== undefined) throw new UsageError(`'jobs ${action}' takes no ID`);
    if (action === 'list') return queue.list();
    const job =
      action === 'statistics'
        ? await queue.submit(
            'record-statistics',
            { records: recordFilter(values), sampleFraction: optionalNumber(values, 'sample') },
            { actor, seed: optionalNumber(values, 'seed') },
          )
        : await queue.submit('predict', predictParams(values), { actor });
    return queue.settled(job.id);
  }
  const id = Number(idText);
  if (idText === undefined || !/^\d+$/.test(idText)) throw new UsageError(`'jobs ${action}' needs a job ID`);
  if (action === 'show') return queue.get(id);
  if (action === 'cancel') return queue.cancel(id, actor);
  return queue.settled((await queue.resume(id, actor)).id);
}

const text = (values: OptionValues, name: string) => (typeof values[name] === 'string' ? values[name] : undefined);

function recordFilter(values: OptionValues): unknown {
  return {
    search: text(values, 'search'),
    source: text(values, 'source'),
    ids: text(values, 'records')?.split(',').map(Number),
  };
}

function predictParams(values: OptionValues): unknown {
  const model = text(values, 'model');
  if (model === undefined) throw new UsageError("'jobs predict' needs --model M (a model registered in the study)");
  return { model, records: recordFilter(values), strideSec: optionalNumber(values, 'stride') };
}

function listing(jobs: readonly Job[]): string {
  if (jobs.length === 0) return 'no jobs\n';
  return formatTable(
    ['id', 'kind', 'status', 'progress', 'created', 'by', 'note'],
    jobs.map((job) => [
      String(job.id),
      job.kind,
      job.status,
      `${Math.floor(job.fraction * 100)}%`,
      job.createdAt.slice(0, 19).replace('T', ' '),
      job.createdBy,
      job.error ?? job.phase,
    ]),
  );
}

function describe(job: Job): string {
  const lines = [
    `job ${job.id} (${job.kind}): ${job.status}, ${Math.floor(job.fraction * 100)}%${job.phase === '' ? '' : `, ${job.phase}`}`,
    `  parameters ${JSON.stringify(job.params)}, seed ${job.seed}, run ${job.attempts} time(s), by ${job.createdBy}`,
  ];
  if (job.error !== null) lines.push(`  error: ${job.error}`);
  if (job.status === 'interrupted' || job.status === 'cancelled') {
    lines.push(`  'salience jobs resume ${job.id}' continues it from its checkpoints`);
  }
  const summary = job.result === null ? '' : `\n${summaryTable(job.result.summary)}`;
  return `${lines.join('\n')}\n${summary}`;
}

function summaryTable({ columns, rows }: SummaryTable): string {
  return formatTable(
    columns,
    rows.map((row) => row.map((cell) => (cell === null ? '—' : String(cell)))),
  );
}
