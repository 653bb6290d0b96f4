/**
 * The API's method and event names, without their schemas, so the sandboxed preload can
 * expose exactly these functions without bundling zod. `contract.ts` checks at compile time
 * that this list and the schemas agree.
 */
export const apiMethodNames = [
  'getAbout',
  'getStudy',
  'listRecords',
  'listRecordFacets',
  'startImport',
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

export const apiEventNames = ['jobProgress', 'jobChanged'] as const;
export type ApiEventName = (typeof apiEventNames)[number];

/** Electron IPC channels; browser mode carries the same messages over its WebSocket. */
export const ipcChannels = {
  call: 'salience:call',
  event: 'salience:event',
} as const;

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && (apiMethodNames as readonly string[]).includes(name);
}
