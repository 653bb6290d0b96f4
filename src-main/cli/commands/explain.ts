import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { readNpy, toNumbers, writeNpy, type Tensor } from '../../engine';
import { AppError } from '../../errors';
import { explainers, findExplainer, type Explanation } from '../../explain';
import { createProgressPrinter, openJobQueue, type ProgressPrinter } from '../../jobs';
import { EtaEstimator } from '../../jobs/eta';
import { findRecord, openStudy, type Study } from '../../store';
import { blackBoxReference } from '../black-box-reference';
import { type Command, type CommandContext, type OptionValues, UsageError } from '../command';
import { optionalNumber } from '../number-options';

export const explainCommand: Command = {
  name: 'explain',
  summary: 'explain a model’s output: saliency for an array of windows, or for windows of a record',
  description: `With --input, X.npy holds float32 windows [B, T, D] exactly as the model is fed them; the saliency [B, T, D] goes to --out. With --study and --record, windows of the record from --from to --to seconds (one model window at --from when --to is absent; --stride seconds apart) are read, preprocessed as the model's card says, explained as one job on a worker thread, and stored in the study with their provenance. --params is a JSON object of the method's parameters (the defaults fill in the rest); --reference R.npy gives samples of the data [N, T, D] for methods that draw from it (afo, gradient-shap, a 'mean' baseline). With --record, the amortised methods (timexpp, timex, ib-gradient-free) explain with the study's stored fit for the model, parameters and seed, fitting and storing one on windows of the study first ('salience explainers' lists them). Methods: ${explainers.map((e) => e.name).join(', ')}.`,
  options: {
    model: { type: 'string', value: 'M', required: true, description: 'an .onnx file or a registered model id' },
    method: { type: 'string', value: 'NAME', required: true, description: 'the explainer' },
    params: { type: 'string', value: 'JSON', description: "the method's parameters, e.g. '{\"nSteps\": 50}'" },
    seed: { type: 'string', value: 'N', description: 'the seed (default 0)' },
    target: { type: 'string', value: 'T', description: 'class index for every row, or an int64 .npy of one per row' },
    input: { type: 'string', value: 'X.npy', description: 'the windows [B, T, D] to explain' },
    reference: { type: 'string', value: 'R.npy', description: 'samples of the data [N, T, D]' },
    out: { type: 'string', value: 'S.npy', description: 'where to write the saliency [B, T, D] (with --input)' },
    study: { type: 'string', value: 'S', description: 'the study (for a registered model id, and with --record)' },
    record: { type: 'string', value: 'ID', description: 'explain windows of this record and store them' },
    from: { type: 'string', value: 'SEC', description: 'start of the first window (with --record; default 0)' },
    to: { type: 'string', value: 'SEC', description: 'end of the part to explain (with --record)' },
    stride: { type: 'string', value: 'SEC', description: 'seconds between windows (with --record)' },
  },
  async run(context) {
    const { values } = context;
    const params = parseParams(values.params);
    findExplainer(values.method as string).parseParams(params);
    if (values.record !== undefined) {
      for (const option of ['input', 'out', 'reference']) {
        if (values[option] !== undefined) throw new UsageError(`--${option} does not go with --record`);
      }
      if (values.study === undefined) throw new UsageError('--record needs --study');
      await explainRecord(context, params);
      return;
    }
    for (const option of ['from', 'to', 'stride']) {
      if (values[option] !== undefined) throw new UsageError(`--${option} goes with --record`);
    }
    if (values.input === undefined || values.out === undefined) {
      throw new UsageError('give --input X.npy and --out S.npy, or --study S and --record ID');
    }
    const study = values.study === undefined ? undefined : context.openStudy();
    try {
      await explainArray(context, params, study);
    } finally {
      study?.close();
    }
  },
};

async function explainArray(
  { values, json, io }: CommandContext,
  params: unknown,
  study: Study | undefined,
): Promise<void> {
  const model = await blackBoxReference(values.model as string, study);
  const x = readArray(values.input as string);
  const reference = typeof values.reference === 'string' ? readArray(values.reference) : undefined;
  const printer = progressPrinter(json, (text) => io.err(text));
  const eta = new EtaEstimator();
  const explanation: Explanation = await findExplainer(values.method as string).explain({
    model,
    x,
    targets: targetsOption(values.target),
    params,
    seed: seedOption(values),
    reference,
    onProgress: ({ step, steps, phase }) => {
      const fraction = Math.min(1, step / Math.max(steps, 1));
      printer.update({ jobId: 0, fraction, phase, etaSec: eta.estimate(fraction) });
    },
  });
  printer.finish();
  const out = values.out as string;
  writeFileSync(out, writeNpy(explanation.saliency));
  if (json)
    io.out(
      `${JSON.stringify({ out, shape: explanation.saliency.shape, scale: explanation.scale, info: explanation.info })}\n`,
    );
  else {
    io.out(
      `wrote ${out}: [${explanation.saliency.shape.join(', ')}] float32, ${explanation.info.method} of ${model.name} (${explanation.scale}, ${Math.round(explanation.info.runtimeMs)} ms)\n`,
    );
  }
}

async function explainRecord({ values, json, io }: CommandContext, params: unknown): Promise<void> {
  const actor = userInfo().username;
  const target = targetsOption(values.target);
  if (target !== undefined && target.length !== 1) throw new UsageError('--target with --record takes one class index');
  const method = values.method as string;
  const printer = progressPrinter(json, (text) => io.err(text));
  const queue = await openJobQueue(values.study as string, { actor });
  try {
    queue.onProgress((progress) => printer.update(progress));
    const submitted = await queue.submit(
      'explain',
      {
        model: values.model,
        methods: [method],
        params: { [method]: params },
        records: { ids: [recordId(queue.studyPath, values.record as string)] },
        fromSec: optionalNumber(values, 'from', { min: 0 }),
        toSec: optionalNumber(values, 'to', { min: 0 }),
        strideSec: optionalNumber(values, 'stride', { min: 0 }),
        target: target?.[0],
      },
      { actor, seed: seedOption(values) },
    );
    const job = await queue.settled(submitted.id);
    printer.finish();
    const failed = job.result?.summary.rows.find((row) => String(row.at(-1)).startsWith('failed'));
    if (job.status !== 'succeeded' || failed) {
      throw new AppError('bad-input', `explain job ${job.id} ${job.status}: ${job.error ?? String(failed?.at(-1))}`);
    }
    const ids = job.result?.ids ?? [];
    if (json) io.out(`${JSON.stringify({ job: job.id, explanations: ids })}\n`);
    else
      io.out(
        `job ${job.id}: stored ${ids.length} explanation${ids.length === 1 ? '' : 's'} (${ids.join(', ')}) with ${method}\n`,
      );
  } finally {
    await queue.close();
  }
}

/** The job's record filter takes ids; the command also takes a record's name, as the other commands do. */
function recordId(studyPath: string, reference: string): number {
  const study = openStudy(studyPath);
  try {
    return findRecord(study.db, reference).id;
  } finally {
    study.close();
  }
}

function parseParams(text: string | boolean | undefined): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(String(text)) as unknown;
  } catch (error) {
    throw new UsageError(`--params: expected a JSON object, got '${String(text)}' (${(error as Error).message})`);
  }
}

function readArray(path: string): Tensor {
  return readNpy(readFileSync(path), path);
}

function seedOption(values: OptionValues): number {
  const seed = optionalNumber(values, 'seed', { min: 0 }) ?? 0;
  if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected a whole number, got '${String(values.seed)}'`);
  return seed;
}

function targetsOption(value: string | boolean | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (/^\d+$/.test(text)) return [Number(text)];
  if (!text.endsWith('.npy')) throw new UsageError(`--target: expected a class index or an int64 .npy, got '${text}'`);
  return toNumbers(readArray(text));
}

function progressPrinter(json: boolean, write: (text: string) => void): ProgressPrinter {
  // Progress goes to stderr, so stdout stays the command's result; --json prints none.
  return createProgressPrinter({
    write: (text) => (json ? undefined : write(text)),
    isTTY: process.stderr.isTTY,
    columns: process.stderr.columns,
  });
}
