import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { formatShape, readNpy, reshaped, writeNpy } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { AppError, errorMessage } from '../../errors';
import {
  findModel,
  loadModelReference,
  openModelRunner,
  predictRecord,
  preprocessWindows,
  readVerdicts,
} from '../../models';
import type { LoadedModel, WindowVerdict } from '../../models';
import type { Study } from '../../store';
import { optionalNumber } from '../number-options';
import { type Command, type CommandContext, type OptionValues, UsageError } from '../command';

export const predictCommand: Command = {
  name: 'predict',
  summary: 'run a model on an array of windows, or over a record of a study',
  description:
    "Runs a model on ONNX Runtime. With --input, X.npy holds float32 windows [B, T, D] (or one window [T, D]) in physical units, as 'salience signal' writes them; the card's preprocessing is applied (--raw feeds X as it is) and the raw outputs [B, K] are written to --out. With --record, the window of a model registered in the study slides over the record (--stride samples apart, default one window) and every window's output is stored in the study for the record browser. M is an .onnx file with its card M.json beside it, or the id of a model registered in the study (the only form --record takes).",
  options: {
    model: {
      type: 'string',
      value: 'M',
      required: true,
      description: 'an .onnx file (card beside it) or a registered model id',
    },
    input: { type: 'string', value: 'X.npy', description: 'windows [B, T, D] (or [T, D]) to predict' },
    out: { type: 'string', value: 'Y.npy', description: 'where to write the outputs [B, K] (with --input)' },
    study: { type: 'string', value: 'S', description: 'the study (for a registered model id, and with --record)' },
    record: { type: 'string', value: 'ID', description: 'predict over this record and store the windows in the study' },
    stride: { type: 'string', value: 'N', description: 'samples between window starts (with --record)' },
    from: { type: 'string', value: 'SEC', description: 'start of the part of the record to cover (default 0)' },
    to: { type: 'string', value: 'SEC', description: 'end of the part of the record to cover (default: its end)' },
    provider: { type: 'string', value: 'NAME', description: 'ONNX Runtime execution provider (default cpu)' },
    raw: { type: 'boolean', description: "feed X as it is, without the card's preprocessing" },
  },
  async run(context) {
    const { values } = context;
    const recordMode = values.record !== undefined;
    if (recordMode) {
      for (const option of ['input', 'out', 'raw']) {
        if (values[option] !== undefined) throw new UsageError(`--${option} does not go with --record`);
      }
      if (values.study === undefined) throw new UsageError('--record needs --study');
    } else {
      for (const option of ['stride', 'from', 'to']) {
        if (values[option] !== undefined) throw new UsageError(`--${option} goes with --record`);
      }
      if (values.input === undefined || values.out === undefined) {
        throw new UsageError('give --input X.npy and --out Y.npy, or --study S and --record ID');
      }
    }
    const study = values.study === undefined ? undefined : context.openStudy();
    try {
      if (study !== undefined && recordMode) await predictOverRecord(context, study, values.model as string);
      else await predictArray(context, await loadModelReference(values.model as string, study?.db));
    } finally {
      study?.close();
    }
  },
};

async function predictArray({ values, json, io }: CommandContext, model: LoadedModel): Promise<void> {
  const inputPath = values.input as string;
  const windows = readWindows(inputPath, model);
  const batch = windows.shape[0] ?? 0;
  const gaps = values.raw === true ? 0 : preprocessWindows(model.card, windows.data as Float32Array, batch);
  const runner = await openModelRunner(model, { executionProvider: providerOption(values) });
  const outputs = await runner.run(windows);
  const out = values.out as string;
  writeFileSync(out, writeNpy(outputs));
  const verdicts = readVerdicts(model.card, outputs);
  const summary = {
    out,
    model: { id: model.card.id, version: model.card.version, sha256: model.sha256 },
    shape: outputs.shape,
    outputKind: model.card.outputKind,
    classNames: model.card.classNames,
    labels: verdicts.map((v) => v.label),
    scores: verdicts.map((v) => v.score),
    windowsWithGaps: gaps,
    preprocessed: values.raw !== true,
    executionProvider: runner.provider,
    ...(runner.notice === undefined ? {} : { notice: runner.notice }),
  };
  if (json) {
    io.out(`${JSON.stringify(summary)}\n`);
    return;
  }
  io.out(
    `wrote ${out}: ${formatShape(outputs.shape)} float32 ${model.card.outputKind} of model ${model.card.id} on ${runner.provider}\n`,
  );
  const counts = countLabels(model.card.classNames, verdicts);
  if (counts !== '') io.out(`predicted: ${counts}\n`);
  if (gaps > 0) io.out(`note: ${gaps} window(s) had missing samples (fed as the channel mean)\n`);
  if (runner.notice !== undefined) io.out(`note: ${runner.notice}\n`);
}

async function predictOverRecord({ values, json, io }: CommandContext, study: Study, modelId: string): Promise<void> {
  if (/\.onnx$/i.test(modelId)) {
    throw new AppError(
      'invalid-request',
      `${modelId}: predictions over a record are stored with a registered model; register it first ('salience models register ${modelId} --study ${study.path}') and give its id`,
    );
  }
  const { card } = findModel(study.db, modelId);
  const rate = card.input.samplingRateHz;
  const from = optionalNumber(values, 'from', { min: 0 });
  const to = optionalNumber(values, 'to', { min: 0 });
  const result = await predictRecord(study.db, modelId, values.record as string, {
    actor: userInfo().username,
    executionProvider: providerOption(values),
    stride: optionalNumber(values, 'stride', { min: 0 }),
    fromSample: from === undefined ? undefined : Math.round(from * rate),
    toSample: to === undefined ? undefined : Math.round(to * rate),
  });
  if (json) {
    io.out(`${JSON.stringify({ study: study.path, ...result })}\n`);
    return;
  }
  io.out(
    `model ${result.modelId} over record ${result.recordName}: ${result.windowCount} windows stored in ${study.path} (${result.executionProvider})\n`,
  );
  const counts = describeCounts(card.classNames, result.labelCounts);
  if (counts !== '') io.out(`predicted: ${counts}\n`);
  if (result.windowsWithGaps > 0) {
    io.out(`note: ${result.windowsWithGaps} window(s) had missing samples (fed as the channel mean)\n`);
  }
  if (result.notice !== undefined) io.out(`note: ${result.notice}\n`);
}

/** Float32 windows [B, T, D] from an .npy file; a single window [T, D] becomes a batch of one. */
function readWindows(path: string, model: LoadedModel): Tensor {
  let array: Tensor;
  try {
    array = readNpy(readFileSync(path), path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('not-found', `${path}: cannot read the input (${errorMessage(error)})`, { cause: error });
  }
  const { windowLength, channels } = model.card.input;
  const windows = array.shape.length === 2 ? reshaped(array, [1, ...array.shape]) : array;
  if (windows.dtype !== 'float32' || windows.shape[1] !== windowLength || windows.shape[2] !== channels.length) {
    throw new AppError(
      'invalid-request',
      `${path}: model ${model.card.id} takes float32 windows [B, ${windowLength}, ${channels.length}] (${channels.map((c) => c.name).join(', ')}); the file holds ${array.dtype} ${formatShape(array.shape)}`,
    );
  }
  return windows;
}

function providerOption(values: OptionValues): string | undefined {
  return typeof values.provider === 'string' ? values.provider : undefined;
}

function countLabels(classNames: readonly string[], verdicts: readonly WindowVerdict[]): string {
  const counts: Record<string, number> = {};
  for (const { label } of verdicts) if (label !== null) counts[label] = (counts[label] ?? 0) + 1;
  return describeCounts(classNames, counts);
}

/** "N 1200, V 31": windows per class name, in class order. */
function describeCounts(classNames: readonly string[], counts: Readonly<Record<string, number>>): string {
  return classNames.flatMap((name, k) => (counts[k] === undefined ? [] : [`${name} ${counts[k]}`])).join(', ');
}
