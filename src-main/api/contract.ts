import { z } from 'zod';
import type { ApiEventName, ApiMethodName } from './method-names';

/** One record as the study browser lists it. */
export const RecordSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  source: z.string(),
  patientId: z.string().nullable(),
  channelCount: z.number().int(),
  /** The highest channel rate; channels of one record may differ. */
  samplingRateHz: z.number(),
  sampleCount: z.number().int(),
  durationSec: z.number(),
  annotationCount: z.number().int(),
});
export type RecordSummary = z.infer<typeof RecordSummary>;

export const StudyInfo = z.object({
  name: z.string(),
  path: z.string(),
  schemaVersion: z.number().int(),
  recordCount: z.number().int(),
});
export type StudyInfo = z.infer<typeof StudyInfo>;

export const ExecutionProvider = z.object({
  name: z.string(),
  /** Compiled into the installed binary, installed beside it, or supported but not installed. */
  status: z.enum(['bundled', 'installed', 'not-installed']),
});
export type ExecutionProvider = z.infer<typeof ExecutionProvider>;

export const AboutInfo = z.object({
  appName: z.string(),
  appVersion: z.string(),
  shell: z.enum(['electron', 'browser', 'cli']),
  electronVersion: z.string().nullable(),
  chromeVersion: z.string().nullable(),
  nodeVersion: z.string(),
  platform: z.string(),
  sqliteVersion: z.string(),
  onnxRuntime: z.object({
    version: z.string(),
    executionProviders: z.array(ExecutionProvider),
  }),
});
export type AboutInfo = z.infer<typeof AboutInfo>;

const NoParams = z.object({}).strict();

export const apiMethods = {
  getAbout: { params: NoParams, result: AboutInfo },
  getStudy: { params: NoParams, result: StudyInfo },
  listRecords: {
    params: z
      .object({
        /** Case-insensitive substring of the record name, source or patient id. */
        search: z.string().max(200).optional(),
      })
      .strict(),
    result: z.object({ records: z.array(RecordSummary) }),
  },
} as const satisfies Record<ApiMethodName, { params: z.ZodType; result: z.ZodType }>;

export const JobProgress = z.object({
  jobId: z.number().int(),
  /** 0 to 1. */
  fraction: z.number().min(0).max(1),
  phase: z.string(),
  etaSec: z.number().nullable(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const apiEvents = {
  jobProgress: JobProgress,
} as const satisfies Record<ApiEventName, z.ZodType>;

type Methods = typeof apiMethods;
export type ApiParams<M extends ApiMethodName> = z.input<Methods[M]['params']>;
export type ApiResult<M extends ApiMethodName> = z.output<Methods[M]['result']>;
export type ApiEventPayload<E extends ApiEventName> = z.output<(typeof apiEvents)[E]>;

/** The whole contract as functions: what the service implements and the renderer calls. */
export type Api = { [M in ApiMethodName]: (params: ApiParams<M>) => Promise<ApiResult<M>> };

/** Errors cross the transports as values with a kind and a message meant for a person. */
export const ApiErrorBody = z.object({
  kind: z.enum(['invalid-request', 'not-found', 'bad-input', 'internal']),
  message: z.string(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
export type ApiErrorKind = ApiErrorBody['kind'];
