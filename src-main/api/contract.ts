import { z } from 'zod';
import { ExplainParams, Job, PredictParams, RecordStatisticsParams } from '../jobs/job-schema';
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

/** A study opened before, as the study picker offers it again. */
export const RecentStudy = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
  /** False once the file has been moved or deleted. */
  exists: z.boolean(),
});
export type RecentStudy = z.infer<typeof RecentStudy>;

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

/** A channel as the record view needs it: names, units and how digital values map to physical ones. */
export const ChannelInfo = z.object({
  index: z.number().int(),
  name: z.string(),
  units: z.string(),
  samplingRateHz: z.number(),
  sampleCount: z.number().int(),
  gain: z.number(),
  baseline: z.number(),
});
export type ChannelInfo = z.infer<typeof ChannelInfo>;

export const RecordInfo = RecordSummary.extend({
  startTime: z.string().nullable(),
  frameRateHz: z.number(),
  info: z.array(z.string()),
  warnings: z.array(z.string()),
  channels: z.array(ChannelInfo),
});
export type RecordInfo = z.infer<typeof RecordInfo>;

export const Annotation = z.object({
  id: z.number().int(),
  sample: z.number().int(),
  endSample: z.number().int().nullable(),
  channel: z.number().int().nullable(),
  code: z.number().int().nullable(),
  symbol: z.string(),
  subtype: z.number().int(),
  aux: z.string().nullable(),
  author: z.string(),
  source: z.enum(['imported', 'analyst', 'explainer']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

const Int32Values = z.instanceof(Int32Array);

/**
 * A record's annotations as columns (`annotation-columns.ts`): row i of every array is one
 * annotation; string fields are indices into `strings`, and -1 is null.
 */
export const AnnotationColumns = z.object({
  count: z.number().int(),
  strings: z.array(z.string()),
  id: Int32Values,
  sample: Int32Values,
  endSample: Int32Values,
  channel: Int32Values,
  code: Int32Values,
  subtype: Int32Values,
  symbol: Int32Values,
  aux: Int32Values,
  author: Int32Values,
  source: Int32Values,
  createdAt: Int32Values,
  updatedAt: Int32Values,
});
export type AnnotationColumns = z.infer<typeof AnnotationColumns>;

/** A label the annotation editor offers: an MIT beat or non-beat code, an MIT rhythm, or the study's own. */
export const AnnotationLabel = z.object({
  label: z.string(),
  description: z.string(),
  kind: z.enum(['beat', 'non-beat', 'rhythm', 'study']),
  /** The MIT code an annotation with this label gets; null for rhythms and study labels. */
  code: z.number().int().nullable(),
});
export type AnnotationLabel = z.infer<typeof AnnotationLabel>;

/** A label fits a palette button; a note is a short paragraph. */
export const MAX_LABEL_CHARS = 40;
export const MAX_NOTE_CHARS = 2000;

const LabelText = z
  .string()
  .trim()
  .min(1)
  .max(MAX_LABEL_CHARS)
  .regex(/^[^\p{Cc}]*$/u, 'a label has no control characters (tabs, line breaks)');
/** An empty note is no note. */
const NoteText = z.string().max(MAX_NOTE_CHARS).nullable();
const SampleIndex = z.number().int().min(0);
const AnnotationRef = z.object({ annotationId: z.number().int() }).strict();
const annotationEditFields = {
  sample: SampleIndex,
  /** The sample after the last one covered; null for an annotation at one instant. */
  endSample: SampleIndex.nullable(),
  /** The lead it belongs to; null for every lead. */
  channel: z.number().int().min(0).nullable(),
  label: LabelText,
  note: NoteText,
};

/** Samples cross the transports as typed arrays (structured clone in Electron, binary frames in browser mode). */
const Float32Values = z.instanceof(Float32Array);

/** At most this many samples per channel in one read (about 5 hours at 250 Hz). */
export const MAX_WINDOW_SAMPLES = 1 << 22;

const WindowParams = z
  .object({
    recordId: z.number().int(),
    /** Channel indices, in the order wanted; channels of different rates are read at their own rates. */
    channels: z.array(z.number().int().min(0)).min(1).max(64),
    /** First sample, in each channel's own sample index. */
    start: z.number().int().min(0),
    count: z.number().int().min(1).max(MAX_WINDOW_SAMPLES),
  })
  .strict();

export const SignalWindow = z.object({
  start: z.number().int(),
  channels: z.array(z.object({ index: z.number().int(), values: Float32Values })),
});
export type SignalWindow = z.infer<typeof SignalWindow>;

export const EnvelopeWindow = z.object({
  start: z.number().int(),
  /** Samples per bin; the last bin may cover fewer. */
  samplesPerBin: z.number(),
  channels: z.array(z.object({ index: z.number().int(), min: Float32Values, max: Float32Values })),
});
export type EnvelopeWindow = z.infer<typeof EnvelopeWindow>;

/** A model registered in the study, as the explain panel and the predictions strip show it. */
export const ModelInfo = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  task: z.string(),
  classNames: z.array(z.string()),
  outputKind: z.enum(['logits', 'probabilities', 'values']),
  windowLength: z.number().int(),
  samplingRateHz: z.number(),
  channelNames: z.array(z.string()),
  sha256: z.string(),
  /** False when the engine has no gradient rule for some op: only forward-only methods apply. */
  differentiable: z.boolean(),
  forwardOnlyOps: z.array(z.string()),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const ExplainerInfo = z.object({
  name: z.string(),
  title: z.string(),
  needsGradients: z.boolean(),
  /** The parameters with their defaults, as `--params` and `startExplain` take them. */
  defaults: z.record(z.string(), z.unknown()),
});
export type ExplainerInfo = z.infer<typeof ExplainerInfo>;

export const ExplanationSummary = z.object({
  id: z.number().int(),
  recordId: z.number().int(),
  modelId: z.string(),
  modelSha256: z.string(),
  method: z.string(),
  params: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  target: z.number().int().nullable(),
  /** The record's channels along the map's feature axis. */
  channelIds: z.array(z.number().int()),
  /** The same channels as the record's channel indices (as `getRecord` numbers them). */
  channelIndices: z.array(z.number().int()),
  startSample: z.number().int(),
  sampleCount: z.number().int(),
  windowLength: z.number().int(),
  featureCount: z.number().int(),
  scale: z.enum(['signed', 'non-negative', 'unit-mask']),
  info: z.record(z.string(), z.unknown()),
  jobId: z.number().int().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ExplanationSummary = z.infer<typeof ExplanationSummary>;

/** A perturbation curve: the target's score as growing shares of the window's entries are perturbed. */
export const PerturbationCurve = z.object({
  fractions: z.array(z.number()),
  scores: z.array(z.number()),
  /** Trapezoid area under the scores: lower is better for deletion, higher for insertion. */
  auc: z.number(),
});
export type PerturbationCurve = z.infer<typeof PerturbationCurve>;

/** One explanation's faithfulness: its ranking against a seeded random order, deleting and inserting. */
export const ExplanationFaithfulness = z.object({
  id: z.number().int(),
  method: z.string(),
  params: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  target: z.number().int().nullable(),
  scale: ExplanationSummary.shape.scale,
  /** The run's runtime, for all `windowsInRun` windows explained together. */
  runtimeMs: z.number().nullable(),
  windowsInRun: z.number().int(),
  /**
   * What the curves track: the target's softmax probability, a binary-risk model's risk (the sigmoid
   * of its one logit), or the raw output for other models.
   */
  score: z.enum(['softmax', 'output', 'risk']),
  deletion: PerturbationCurve,
  insertion: PerturbationCurve,
  randomDeletion: PerturbationCurve,
  randomInsertion: PerturbationCurve,
  /**
   * Against the record's ground truth (tint's AUP and AUR of the min–max normalised map, higher is
   * better); null when the window holds none (a real recording, or only normal beats).
   */
  groundTruth: z.object({ aup: z.number(), aur: z.number() }).nullable(),
});
export type ExplanationFaithfulness = z.infer<typeof ExplanationFaithfulness>;

export const ExplanationAgreement = z.object({
  a: z.number().int(),
  b: z.number().int(),
  topKIou: z.number(),
  /** NaN (sent as null) when one of the maps is constant. */
  spearman: z.number().nullable(),
});
export type ExplanationAgreement = z.infer<typeof ExplanationAgreement>;

export const ExplanationComparison = z.object({
  recordId: z.number().int(),
  startSample: z.number().int(),
  sampleCount: z.number().int(),
  topK: z.number(),
  explanations: z.array(ExplanationFaithfulness),
  /** Every pair, in the order the ids were given. */
  agreement: z.array(ExplanationAgreement),
  /** The share of the window's entries the ground truth marks (what AUP and AUR are scored on); null when none. */
  truthShare: z.number().nullable(),
});
export type ExplanationComparison = z.infer<typeof ExplanationComparison>;

/** What the study browser filters a record on beyond its summary. */
export const RecordFacets = z.object({
  recordId: z.number().int(),
  /** Its live annotations' labels: the symbol, or for a rhythm change the rhythm ("+(AFIB"). */
  labels: z.array(z.string()),
  /** The classes each model predicted in some window of it (`salience predict`). */
  predicted: z.array(z.object({ modelId: z.string(), classes: z.array(z.string()) })),
});
export type RecordFacets = z.infer<typeof RecordFacets>;

/** The only calls whose parameters are paths: browser mode's, refused by the desktop app. */
export const browserOnlyMethods = ['startImport', 'openStudy'] as const;

/** The calls that open the desktop app's native dialogs; browser mode has none. */
export const desktopOnlyMethods = ['importChosenFiles', 'chooseStudy'] as const;

/** An absolute path on this computer (POSIX, a Windows drive, or a UNC share). */
const AbsolutePath = z
  .string()
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'an absolute path');

/** A model's verdict on one window: the class and its probability (null for regression). */
export const WindowVerdict = z.object({
  startSample: z.number().int(),
  label: z.number().int().nullable(),
  score: z.number().nullable(),
});
export type WindowVerdict = z.infer<typeof WindowVerdict>;

export const ExplanationMap = ExplanationSummary.extend({
  /** [windowLength, featureCount], row-major. */
  saliency: Float32Values,
});
export type ExplanationMap = z.infer<typeof ExplanationMap>;

/** What the Electron shell accepts as an update feed (it checks a stored value again at start). */
function isPlainHttpsUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (
    url.protocol === 'https:' && url.username === '' && url.password === '' && url.search === '' && url.hash === ''
  );
}

const settingsFields = {
  /** ONNX Runtime execution provider for explanations and predictions ('cpu', 'cuda', 'dml', 'coreml'). */
  executionProvider: z.string().min(1).max(32),
  /** ONNX Runtime intra-op threads; null lets ONNX Runtime choose (all cores). */
  intraOpThreads: z.number().int().min(1).max(256).nullable(),
  /** Methods ticked when the explain panel opens. */
  defaultMethods: z.array(z.string().min(1).max(64)).max(16),
  /** Per method, parameters that replace the method's own defaults in the explain panel. */
  methodParams: z.record(z.string().max(64), z.record(z.string().max(64), z.unknown())),
  /** Amplitude units shown in the record view and calipers. */
  amplitudeUnits: z.enum(['mV', 'µV']),
  /** ECG paper colour: the classic red grid, a grey one, or none. */
  gridColour: z.enum(['red', 'grey', 'none']),
  theme: z.enum(['system', 'light', 'dark']),
  /** Where the desktop app looks for updates; null turns updates off. Only https URLs. */
  updateServer: z
    .string()
    .max(500)
    .refine(isPlainHttpsUrl, 'an https:// URL without user, password, query or fragment')
    .nullable(),
};

/** The study's settings; a study that never saved one reads `defaultSettings` for it. */
export const Settings = z.object(settingsFields).strict();
export type Settings = z.infer<typeof Settings>;

/** An update names only the fields it changes (no defaults filled in: they would overwrite the rest). */
export const SettingsPatch = z.object(settingsFields).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings: Settings = {
  executionProvider: 'cpu',
  intraOpThreads: null,
  defaultMethods: ['integrated-gradients', 'occlusion'],
  methodParams: {},
  amplitudeUnits: 'mV',
  gridColour: 'red',
  theme: 'system',
  updateServer: null,
};

const NoParams = z.object({}).strict();
const JobParams = z.object({ jobId: z.number().int() }).strict();

export const apiMethods = {
  getAbout: { params: NoParams, result: AboutInfo },
  getStudy: { params: NoParams, result: StudyInfo },
  /**
   * Browser mode: closes the open study (its running jobs stop and stay resumable) and opens the
   * study file typed by the analyst, or creates a new one there (never over an existing file).
   * Every client then gets `studyChanged`. The desktop app refuses it (`chooseStudy`).
   */
  openStudy: {
    params: z.object({ path: AbsolutePath, create: z.boolean() }).strict(),
    result: StudyInfo,
  },
  /**
   * Desktop app: as `openStudy`, with the file chosen in the main process's native open (or, to
   * create, save) dialog; null when the dialog is cancelled. Browser mode has no dialog.
   */
  chooseStudy: { params: z.object({ create: z.boolean() }).strict(), result: StudyInfo.nullable() },
  /** The studies this user opened last, newest first (the one open now among them). */
  listRecentStudies: { params: NoParams, result: z.object({ studies: z.array(RecentStudy) }) },
  /**
   * Opens the study at `index` of `listRecentStudies`, as `openStudy` does: in both shells, since
   * the path is the app's own record of a study opened before, not one sent by the page.
   */
  openRecentStudy: { params: z.object({ index: z.number().int().min(0) }).strict(), result: StudyInfo },
  listRecords: {
    params: z
      .object({
        /** Case-insensitive substring of the record name, source or patient id. */
        search: z.string().max(200).optional(),
      })
      .strict(),
    result: z.object({ records: z.array(RecordSummary) }),
  },
  /** Every record's facets, in record id order, for the study browser's filters. */
  listRecordFacets: { params: NoParams, result: z.object({ records: z.array(RecordFacets) }) },
  /**
   * Browser mode: imports files or folders (WFDB, EDF, CSV, MIMIC-III tables) typed as paths by the
   * analyst who started `salience serve`, as a job: all or nothing, with progress. The desktop app
   * refuses it: there, only files chosen in its native dialog are imported (`importChosenFiles`).
   */
  startImport: { params: z.object({ paths: z.array(AbsolutePath).min(1).max(1000) }).strict(), result: Job },
  /**
   * Desktop app: the main process opens its native file dialog and imports what the analyst
   * chooses, as `startImport` does; null when the dialog is cancelled. Browser mode has no dialog.
   */
  importChosenFiles: { params: NoParams, result: Job.nullable() },
  getRecord: { params: z.object({ recordId: z.number().int() }).strict(), result: RecordInfo },
  /** Physical values (NaN where missing) of a window of samples. */
  readSignal: { params: WindowParams, result: SignalWindow },
  /** Min/max of a window in about `bins` bins, in physical units, for overviews and zoomed-out views. */
  readEnvelope: {
    params: WindowParams.extend({ bins: z.number().int().min(1).max(20000) }).strict(),
    result: EnvelopeWindow,
  },
  /** A record's live annotations in sample order, as columns (100 000 beats are a few typed arrays). */
  listAnnotations: {
    params: z.object({ recordId: z.number().int() }).strict(),
    result: AnnotationColumns,
  },
  /** An analyst's annotation (or an explainer's segment the analyst accepted); bounds lie within the record. */
  createAnnotation: {
    params: z
      .object({
        recordId: z.number().int(),
        ...annotationEditFields,
        note: NoteText.optional(),
        source: z.enum(['analyst', 'explainer']).optional(),
      })
      .strict(),
    result: Annotation,
  },
  /** Changes what is given; an imported annotation changes in the study only, never in its source file. */
  updateAnnotation: {
    params: z
      .object({ annotationId: z.number().int(), ...z.object(annotationEditFields).partial().shape })
      .strict()
      .refine((p) => Object.keys(p).length > 1, 'give at least one of sample, endSample, channel, label, note'),
    result: Annotation,
  },
  /** Marks it deleted; it stays in the study and can be restored. */
  deleteAnnotation: { params: AnnotationRef, result: Annotation },
  restoreAnnotation: { params: AnnotationRef, result: Annotation },
  /** The MIT labels, then the study's own, with the limits on what an analyst types. */
  listAnnotationLabels: {
    params: NoParams,
    result: z.object({
      labels: z.array(AnnotationLabel),
      limits: z.object({ labelChars: z.number().int(), noteChars: z.number().int() }),
    }),
  },
  addAnnotationLabel: {
    params: z.object({ label: LabelText, description: z.string().max(200).optional() }).strict(),
    result: AnnotationLabel,
  },
  /** The study's jobs, newest first. */
  listJobs: {
    params: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    result: z.object({ jobs: z.array(Job) }),
  },
  cancelJob: { params: JobParams, result: Job },
  /** Continues an interrupted or cancelled job from its last checkpoint. */
  resumeJob: { params: JobParams, result: Job },
  /** Starts a finished, failed or interrupted job again from the beginning. */
  rerunJob: { params: JobParams, result: Job },
  /** Per-channel statistics of the records matching a filter, as one job of many items. */
  startRecordStatistics: {
    params: RecordStatisticsParams.extend({ seed: z.number().int().min(0).optional() }).strict(),
    result: Job,
  },
  listModels: { params: NoParams, result: z.object({ models: z.array(ModelInfo) }) },
  listExplainers: { params: NoParams, result: z.object({ explainers: z.array(ExplainerInfo) }) },
  /** Explains windows of records with one model and one or more methods, as a job. */
  startExplain: {
    params: ExplainParams.extend({ seed: z.number().int().min(0).optional() }).strict(),
    result: Job,
  },
  /** Slides a registered model over every matching record and stores the windows' outputs, as a job. */
  startPredict: { params: PredictParams, result: Job },
  listExplanations: {
    params: z.object({ recordId: z.number().int() }).strict(),
    result: z.object({ explanations: z.array(ExplanationSummary) }),
  },
  readExplanation: { params: z.object({ explanationId: z.number().int() }).strict(), result: ExplanationMap },
  getSettings: { params: NoParams, result: Settings },
  /** Changes the fields given (audited) and returns the settings as they now are. */
  updateSettings: { params: SettingsPatch, result: Settings },
  /**
   * Faithfulness (deletion and insertion curves, against a random order) of explanations of one
   * window, and their agreement (top-k IoU, Spearman) pair by pair. `topK` is a share of the entries.
   */
  compareExplanations: {
    params: z
      .object({
        explanationIds: z.array(z.number().int()).min(1).max(12),
        topK: z.number().gt(0).max(1),
      })
      .strict(),
    result: ExplanationComparison,
  },
  /** A registered model's verdicts on the whole windows from `fromSec` to `toSec` (one window when absent), not stored. */
  predictWindows: {
    params: z
      .object({
        recordId: z.number().int(),
        modelId: z.string().min(1),
        fromSec: z.number().min(0),
        toSec: z.number().positive().optional(),
      })
      .strict(),
    result: z.object({ windowLength: z.number().int(), windows: z.array(WindowVerdict) }),
  },
  /** The stored predictions of a model over a record (`salience predict`), in time order; none when never run. */
  listPredictions: {
    params: z.object({ recordId: z.number().int(), modelId: z.string().min(1) }).strict(),
    result: z.object({
      windowLength: z.number().int().nullable(),
      predictedAt: z.string().nullable(),
      windows: z.array(WindowVerdict),
    }),
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

export { Job } from '../jobs/job-schema';

export const apiEvents = {
  jobProgress: JobProgress,
  /** A job was queued, started, finished, failed, was cancelled or interrupted. */
  jobChanged: Job,
  /** Another study was opened: every view's records, jobs and settings belong to the old one. */
  studyChanged: StudyInfo,
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
