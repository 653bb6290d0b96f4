import { z } from 'zod';

/**
 * What a job looks like outside the jobs folder. Only zod here (no Node), so the API
 * contract, which the renderer also imports, can reuse these schemas as they are.
 */
export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type JobStatus = z.infer<typeof JobStatus>;

/** A few rows a person reads at the end of a job (a cohort's per-item outcome, an import's records). */
export const SummaryTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export type SummaryTable = z.infer<typeof SummaryTable>;

/**
 * Where a finished job's output lives: the rows of `table` whose `key` column is one of `ids`
 * (`records` by `id` for an import; `channel_statistics` by `job_id` for statistics).
 */
export const JobResult = z.object({
  table: z.string(),
  key: z.string(),
  ids: z.array(z.number().int()),
  summary: SummaryTable,
});
export type JobResult = z.infer<typeof JobResult>;

export const Job = z.object({
  id: z.number().int(),
  kind: z.string(),
  params: z.unknown(),
  seed: z.number().int(),
  status: JobStatus,
  /** 0 to 1: live while running, the last checkpoint's after an interruption. */
  fraction: z.number().min(0).max(1),
  phase: z.string(),
  /** Runs started so far (a resumed job counts each run). */
  attempts: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The latest run's start and end, ISO 8601. */
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** Set exactly when the job succeeded. */
  result: JobResult.nullable(),
});
export type Job = z.infer<typeof Job>;

export const RecordFilter = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).optional(),
    /** Case-insensitive substring of the record name, source or patient id, as the study browser searches. */
    search: z.string().min(1).max(200).optional(),
    source: z.string().min(1).optional(),
  })
  .strict();

export const RecordStatisticsParams = z
  .object({
    /** Which records; every record of the study when empty. */
    records: RecordFilter.default({}),
    /** The share of each channel's chunks to read, drawn with the job's seed; 1 reads every sample. */
    sampleFraction: z.number().gt(0).max(1).default(1),
  })
  .strict();
export type RecordStatisticsParams = z.input<typeof RecordStatisticsParams>;
export type RecordFilter = z.output<typeof RecordFilter>;

/** Architectures `salience train` and the train job build (models/training/architectures.ts). */
export const TRAINABLE_ARCHITECTURES = ['cnn1d', 'resnet1d', 'gru', 'lstm', 'transformer'] as const;

const Fraction = z.number().gt(0).lt(1);

/**
 * Train a model on windows centred on the study's annotations (each label a class) and register
 * it in the study; the job's seed seeds the weights, the order and the split. Options as
 * `salience train --study` takes them.
 */
export const TrainParams = z
  .object({
    architecture: z.enum(TRAINABLE_ARCHITECTURES),
    labels: z.array(z.string().min(1).max(64)).min(2).max(64),
    windowSec: z.number().positive().max(600).default(1),
    /** The channels to read, by name; every channel of the first record when absent. */
    channels: z.array(z.string().min(1)).min(1).optional(),
    /** The registered model's id; `<study>-<architecture>` when absent. */
    id: z
      .string()
      .regex(/^[a-z0-9._-]{1,100}$/, 'lower-case letters, digits, dots, dashes and underscores')
      .optional(),
    epochs: z.number().int().min(1).max(100_000).default(30),
    batchSize: z.number().int().min(1).max(100_000).default(32),
    learningRate: z.number().positive().default(0.003),
    weightDecay: z.number().min(0).default(0),
    patience: z.number().int().min(1).default(5),
    validation: Fraction.default(0.15),
    test: Fraction.default(0.15),
    sizes: z
      .object({
        filters: z.array(z.number().int().min(1)).min(1).optional(),
        kernel: z.number().int().min(1).optional(),
        hidden: z.number().int().min(1).optional(),
        layers: z.number().int().min(1).optional(),
      })
      .strict()
      .default({}),
    bandPass: z
      .object({
        lowHz: z.number().positive(),
        highHz: z.number().positive(),
        order: z.number().int().min(1).max(8).default(2),
        phase: z.enum(['zero-phase', 'causal']).default('zero-phase'),
      })
      .strict()
      .optional(),
    subtractWindowMean: z.boolean().default(false),
  })
  .strict();
export type TrainParams = z.input<typeof TrainParams>;

/**
 * Slide a registered model's window over every record matching a filter and store each window's
 * output (what the record browser and the predictions strip show): one cohort item per record.
 */
export const PredictParams = z
  .object({
    model: z.string().min(1),
    records: RecordFilter.default({}),
    /** Seconds between window starts; one window length when absent. */
    strideSec: z.number().positive().optional(),
  })
  .strict();
export type PredictParams = z.input<typeof PredictParams>;

/**
 * Explain windows of every record matching a filter with one model and one or more methods: one
 * cohort item per record and method. Times are seconds from the record's start; with no `toSec`
 * one model window is explained at `fromSec`.
 */
export const ExplainParams = z
  .object({
    model: z.string().min(1),
    methods: z.array(z.string().min(1)).min(1),
    /** Per method name: its parameters (the method's defaults fill in the rest). */
    params: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    records: RecordFilter.default({}),
    fromSec: z.number().min(0).default(0),
    toSec: z.number().positive().optional(),
    strideSec: z.number().positive().optional(),
    target: z.number().int().min(0).optional(),
  })
  .strict();
export type ExplainParams = z.input<typeof ExplainParams>;
