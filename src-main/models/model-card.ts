import { z } from 'zod';
import { AppError, errorMessage } from '../errors';
import { zeroPhasePadding } from './band-pass';

export const MODEL_TASKS = ['classification', 'binary-risk', 'regression'] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

/** What each window is done to before the model sees it (after conversion to physical units). */
export const WINDOW_FILTERS = ['none', 'subtract-window-mean'] as const;
export type WindowFilter = (typeof WINDOW_FILTERS)[number];

/**
 * A Butterworth band-pass over each channel of a window, before `filter` and the standardisation:
 * scipy's `butter(order, [lowHz, highHz], 'bandpass', fs=input.samplingRateHz, output='sos')`, run
 * 'zero-phase' (forwards and backwards, as `sosfiltfilt` with its default odd padding) or 'causal'
 * (forwards from the steady state of the first sample, as `sosfilt` with `sosfilt_zi · x[0]`).
 */
const BandPass = z
  .object({
    design: z.literal('butterworth'),
    order: z.number().int().min(1).max(8),
    lowHz: z.number().positive(),
    highHz: z.number().positive(),
    phase: z.enum(['zero-phase', 'causal']),
  })
  .strict();
export type BandPass = z.infer<typeof BandPass>;

const nonEmpty = z.string().min(1, 'expected a non-empty string');
/** Units as the record states them; empty for a dimensionless feature (a code, a flag). */
const ModelChannel = z.object({ name: nonEmpty, units: z.string() }).strict();

/**
 * A model card: everything the app needs to feed a model a record window and to read its output,
 * with the provenance an analyst needs to trust it. The ONNX input is `[B, T, D]` float32 with
 * T = `input.windowLength` and D = `input.channels.length`; the output is `[B, K]`, or `[B, T, K]`
 * (one answer per time step) with `perTimeStep`.
 * - classification: K = number of `classNames`; `outputKind` logits (softmax applies) or probabilities;
 * - binary-risk: K = 1, the risk of `classNames[1]` (the positive outcome) against `classNames[0]`;
 * - regression: K = number of `classNames` (the names of the predicted quantities), `outputKind` values.
 */
export const ModelCard = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected 1–64 lowercase letters, digits, ".", "_" or "-"'),
    name: nonEmpty,
    version: nonEmpty,
    task: z.enum(MODEL_TASKS),
    classNames: z.array(nonEmpty).min(1),
    outputKind: z.enum(['logits', 'probabilities', 'values']),
    /** Set when the model answers at every time step of the window (the benchmarks' sequence classifiers). */
    perTimeStep: z.boolean().optional(),
    input: z
      .object({
        windowLength: z.number().int().positive(),
        samplingRateHz: z.number().positive(),
        channels: z.array(ModelChannel).min(1),
      })
      .strict(),
    preprocessing: z
      .object({
        /** Per channel, in physical units (after the filter): the model sees (x − mean) / std. */
        channelMean: z.array(z.number()),
        channelStd: z.array(z.number().positive()),
        filter: z.enum(WINDOW_FILTERS),
        bandPass: BandPass.optional(),
      })
      .strict(),
    trainingData: z
      .object({
        description: nonEmpty,
        samples: z.number().int().nonnegative().optional(),
      })
      .strict(),
    /** Measured on data the model was not trained or early-stopped on. */
    metrics: z
      .object({
        dataset: nonEmpty,
        samples: z.number().int().positive(),
        values: z.record(z.string(), z.number()),
      })
      .strict(),
    /** How a model trained by `salience train` was trained (absent for models trained elsewhere). */
    training: z
      .object({
        architecture: nonEmpty,
        seed: z.number().int(),
        epochs: z.number().int().positive(),
        batchSize: z.number().int().positive(),
        learningRate: z.number().positive(),
        weightDecay: z.number().nonnegative(),
      })
      .strict()
      .optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hexadecimal digits'),
    licence: nonEmpty,
    createdBy: nonEmpty,
  })
  .strict()
  .superRefine((card, ctx) => {
    const problem = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    const classes = card.classNames.length;
    if (new Set(card.classNames).size !== classes) problem(['classNames'], 'expected distinct names');
    if (card.task === 'classification' && classes < 2) {
      problem(['classNames'], `a classification model needs at least 2 classes, got ${classes}`);
    }
    if (card.task === 'binary-risk' && classes !== 2) {
      problem(['classNames'], `a binary-risk model names 2 outcomes (negative, positive), got ${classes}`);
    }
    if ((card.task === 'regression') !== (card.outputKind === 'values')) {
      problem(
        ['outputKind'],
        card.task === 'regression'
          ? "a regression model's outputs are 'values'"
          : `a ${card.task} model's outputs are 'logits' or 'probabilities'`,
      );
    }
    const channels = card.input.channels.length;
    if (new Set(card.input.channels.map((c) => c.name)).size !== channels) {
      problem(['input', 'channels'], 'expected distinct channel names');
    }
    for (const field of ['channelMean', 'channelStd'] as const) {
      const given = card.preprocessing[field].length;
      if (given !== channels) {
        problem(['preprocessing', field], `expected one value per input channel (${channels}), got ${given}`);
      }
    }
    const bandPass = card.preprocessing.bandPass;
    if (bandPass) {
      for (const { field, message } of bandPassProblems(bandPass, card.input)) {
        problem(['preprocessing', 'bandPass', field], message);
      }
    }
    if (Object.keys(card.metrics.values).length === 0) problem(['metrics', 'values'], 'expected at least one metric');
  });

export type ModelCard = z.infer<typeof ModelCard>;

/** What is wrong with a band-pass for a model's input: its field (under `preprocessing.bandPass`) and why. */
export function bandPassProblems(
  bandPass: BandPass,
  input: Pick<ModelCard['input'], 'samplingRateHz' | 'windowLength'>,
): { field: keyof BandPass; message: string }[] {
  const problems: { field: keyof BandPass; message: string }[] = [];
  const nyquist = input.samplingRateHz / 2;
  if (bandPass.lowHz >= bandPass.highHz) {
    problems.push({ field: 'highHz', message: `expected above lowHz (${bandPass.lowHz} Hz)` });
  }
  if (bandPass.highHz >= nyquist) {
    problems.push({
      field: 'highHz',
      message: `expected below the Nyquist frequency of input.samplingRateHz (${nyquist} Hz)`,
    });
  }
  const padding = zeroPhasePadding(bandPass.order);
  if (bandPass.phase === 'zero-phase' && input.windowLength <= padding) {
    problems.push({
      field: 'phase',
      message: `zero-phase filtering of order ${bandPass.order} pads ${padding} samples at each end; input.windowLength (${input.windowLength}) must be longer`,
    });
  }
  return problems;
}

/** Validates parsed JSON as a model card; a wrong card is refused naming its first wrong field. */
export function parseModelCard(value: unknown, source: string): ModelCard {
  const result = ModelCard.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AppError('bad-input', `model card ${source}: ${issue ? describeIssue(issue, value) : 'invalid'}`);
}

/** Reads a model card from the text of its JSON file. */
export function parseModelCardJson(text: string, source: string): ModelCard {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError('bad-input', `model card ${source}: not valid JSON (${errorMessage(error)})`, {
      cause: error,
    });
  }
  return parseModelCard(value, source);
}

/** The card as its JSON file is written: two-space indentation and a final newline. */
export function formatModelCard(card: ModelCard): string {
  return `${JSON.stringify(card, null, 2)}\n`;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const field = fieldName([...issue.path, issue.keys[0] ?? '']);
    return `field '${field}' is not a model card field`;
  }
  const field = fieldName(issue.path);
  if (valueAt(value, issue.path) === undefined) {
    if (issue.code === 'invalid_type') return `field '${field}' is missing (expected ${issue.expected})`;
    if (issue.code === 'invalid_value') {
      return `field '${field}' is missing (expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
    }
  }
  return `field '${field}': ${issue.message}`;
}

/** ['input', 'channels', 1, 'units'] → "input.channels[1].units". */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
