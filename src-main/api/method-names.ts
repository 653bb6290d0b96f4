/**
 * The API's method and event names, without their schemas, so the sandboxed preload can
 * expose exactly these functions without bundling zod. `contract.ts` checks at compile time
 * that this list and the schemas agree.
 */
export const apiMethodNames = [
  'getAbout',
  'getStudy',
  'openStudy',
  'chooseStudy',
  'listRecentStudies',
  'openRecentStudy',
  'listRecords',
  'listRecordFacets',
  'startImport',
  'importChosenFiles',
  'getRecord',
  'readSignal',
  'readEnvelope',
  'listAnnotations',
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'listAnnotationLabels',
  'addAnnotationLabel',
  'listJobs',
  'cancelJob',
  'resumeJob',
  'rerunJob',
  'startRecordStatistics',
  'listModels',
  'listExplainers',
  'startExplain',
  'startPredict',
  'listExplanations',
  'readExplanation',
  'getSettings',
  'updateSettings',
  'compareExplanations',
  'predictWindows',
  'listPredictions',
] as const;
export type ApiMethodName = (typeof apiMethodNames)[number];

export const apiEventNames = ['jobProgress', 'jobChanged', 'studyChanged'] as const;
export type ApiEventName = (typeof apiEventNames)[number];

/**
 * The label of a ground-truth annotation: an imported segment (every lead) that a synthetic
 * record's generator marked as where a beat's abnormal morphology lies, its aux naming the feature
 * ('wide-qrs', 'absent-p', 'ectopic-p'). The compare view scores explanations against these.
 * Here, without zod, so that the renderer may use it (the contract is type-only there).
 */
export const GROUND_TRUTH_LABEL = 'truth';

/** Electron IPC channels; browser mode carries the same messages over its WebSocket. */
export const ipcChannels = {
  call: 'salience:call',
  event: 'salience:event',
} as const;

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && (apiMethodNames as readonly string[]).includes(name);
}
