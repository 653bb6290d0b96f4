import { collectAbout, type Shell } from '../app/about';
import { userInfo } from 'node:os';
import type { JobQueue } from '../jobs';
import { countRecords, findRecord, listAnnotations, listRecords, recordSummary, type Study } from '../store';
import { toAnnotationColumns } from './annotation-columns';
import { annotationEditCalls } from './annotation-edits';
import type { Api } from './contract';
import { readSettings, updateSettings } from '../settings/study-settings';
import { ApiEventHub } from './events';
import { explainerInfos, explanationMap, explanationSummaries, modelInfos } from './explanation-views';
import { readEnvelopeWindow, readSignalWindow } from './signal-windows';
import { compareExplanations } from './compare-explanations';
import { predictWindows, storedPredictions } from './window-predictions';
import { recordFacets } from './record-facets';

export interface Service {
  api: Api;
  events: ApiEventHub;
}

/** The calls that are about which study is open, or that need the desktop shell: the host's (study-host.ts). */
export type HostMethodName =
  'openStudy' | 'chooseStudy' | 'listRecentStudies' | 'openRecentStudy' | 'importChosenFiles';

/** One open study's service: every call but the host's. */
export interface StudyService {
  api: Omit<Api, HostMethodName>;
  events: ApiEventHub;
}

/**
 * The handlers over one study and its job queue (owned and closed by the caller). Transports
 * serve a `StudyHost`, which delegates here and opens another study on request.
 */
export function createService(study: Study, shell: Shell, jobs: JobQueue): StudyService {
  const events = new ApiEventHub();
  jobs.onProgress((progress) => events.emit('jobProgress', progress));
  jobs.onChange((job) => events.emit('jobChanged', job));
  const actor = userInfo().username;
  const api: StudyService['api'] = {
    getAbout: () => Promise.resolve(collectAbout(shell)),
    getStudy: () =>
      Promise.resolve({
        name: study.name,
        path: study.path,
        schemaVersion: study.schemaVersion,
        recordCount: countRecords(study.db),
      }),
    listRecords: ({ search }) => Promise.resolve({ records: listRecords(study.db, search) }),
    listRecordFacets: () => Promise.resolve({ records: recordFacets(study.db) }),
    startImport: ({ paths }) => jobs.submit('import', { paths }, { actor }),
    getRecord: ({ recordId }) => {
      const detail = findRecord(study.db, String(recordId));
      return Promise.resolve({
        ...recordSummary(study.db, recordId),
        startTime: detail.startTime,
        frameRateHz: detail.frameRateHz,
        info: detail.info,
        warnings: detail.warnings,
        channels: detail.channels.map(({ index, name, units, samplingRateHz, sampleCount, gain, baseline }) => ({
          index,
          name,
          units,
          samplingRateHz,
          sampleCount,
          gain,
          baseline,
        })),
      });
    },
    readSignal: (request) =>
      Promise.resolve(readSignalWindow(study.db, findRecord(study.db, String(request.recordId)), request)),
    readEnvelope: (request) =>
      Promise.resolve(readEnvelopeWindow(study.db, findRecord(study.db, String(request.recordId)), request)),
    listAnnotations: ({ recordId }) =>
      Promise.resolve(toAnnotationColumns(listAnnotations(study.db, recordSummary(study.db, recordId).id))),
    ...annotationEditCalls(study.db, actor),
    listJobs: ({ limit }) => Promise.resolve({ jobs: jobs.list(limit) }),
    cancelJob: ({ jobId }) => jobs.cancel(jobId, actor),
    resumeJob: ({ jobId }) => jobs.resume(jobId, actor),
    rerunJob: ({ jobId }) => jobs.rerun(jobId, actor),
    startRecordStatistics: ({ seed, ...params }) =>
      jobs.submit('record-statistics', params, { actor, ...(seed === undefined ? {} : { seed }) }),
    listModels: () => Promise.resolve({ models: modelInfos(study.db) }),
    listExplainers: () => Promise.resolve({ explainers: explainerInfos() }),
    startExplain: ({ seed, ...params }) =>
      jobs.submit('explain', params, { actor, ...(seed === undefined ? {} : { seed }) }),
    startPredict: (params) => jobs.submit('predict', params, { actor }),
    listExplanations: ({ recordId }) =>
      Promise.resolve({ explanations: explanationSummaries(study.db, recordSummary(study.db, recordId).id) }),
    readExplanation: ({ explanationId }) => Promise.resolve(explanationMap(study.db, explanationId)),
    getSettings: () => Promise.resolve(readSettings(study.db)),
    updateSettings: (patch) => Promise.resolve(updateSettings(study.db, patch, actor)),
    compareExplanations: ({ explanationIds, topK }) => compareExplanations(study.db, explanationIds, topK),
    predictWindows: (request) => predictWindows(study.db, request),
    listPredictions: ({ recordId, modelId }) =>
      Promise.resolve(storedPredictions(study.db, recordSummary(study.db, recordId).id, modelId)),
  };
  return { api, events };
}
