import { join } from 'node:path';
import { appRoot } from '../../app/app-root';
import { createExportStudy, type ExportStudy } from '../../export/testing/export-study';
import { findModel, readModelFiles, registerModel } from '../../models';
import { findRecord, insertExplanation, openStudy, readChannelSamples } from '../../store';

export { ANALYST, PLANTED_INFO, PLANTED_NAME } from '../../export/testing/export-study';

/** The shipped beat classifier: 1 s windows of MLII and V5 at 360 Hz, as MIT-BIH record 100 has them. */
export const MODEL_ID = 'ecg-beat-cnn';
export const modelPath = (): string => join(appRoot(), 'models', `${MODEL_ID}.onnx`);

/** The explained window: samples 720 to 1080 of the record, i.e. 2 s to 3 s. */
export const EXPLAINED_START = 720;
export const WINDOW = 360;

export interface ReportStudy extends ExportStudy {
  recordName: string;
  /** Ids of the two stored explanations: a signed map and a mask. */
  explanationIds: number[];
}

/**
 * The export tests' study (MIT-BIH 100, 30 s, with planted identifying text and analyst
 * annotations), plus the shipped beat classifier and two explanations of one window made up
 * from the signal itself: x minus its mean as a signed map, |x − mean| / max as a mask.
 */
export async function createReportStudy(): Promise<ReportStudy> {
  const base = await createExportStudy();
  try {
    const study = openStudy(base.study);
    try {
      registerModel(study.db, await readModelFiles(modelPath()), { actor: 'tester' });
      const record = findRecord(study.db, String(base.recordId));
      const channels = record.channels;
      const x = new Float32Array(WINDOW * channels.length);
      channels.forEach((c, f) => {
        const digital = readChannelSamples(study.db, c.id, EXPLAINED_START, WINDOW);
        for (let t = 0; t < WINDOW; t++) x[t * channels.length + f] = ((digital[t] as number) - c.baseline) / c.gain;
      });
      const mean = x.reduce((sum, v) => sum + v, 0) / x.length;
      const signed = x.map((v) => v - mean);
      const largest = signed.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const common = {
        recordId: record.id,
        modelId: MODEL_ID,
        modelSha256: findModel(study.db, MODEL_ID).sha256,
        seed: 7,
        target: 0,
        channelIds: channels.map((c) => c.id),
        startSample: EXPLAINED_START,
        sampleCount: WINDOW,
        windowLength: WINDOW,
        jobId: null,
      };
      const explanationIds = [
        insertExplanation(
          study.db,
          {
            ...common,
            method: 'integrated-gradients',
            params: { nSteps: 50, baseline: 'zero' },
            scale: 'signed',
            saliency: signed,
            info: { runtimeMs: 12.5, faithfulness: { deletionAuc: 0.125 } },
          },
          'tester',
        ),
        insertExplanation(
          study.db,
          {
            ...common,
            method: 'dynamask',
            params: { area: 0.1 },
            scale: 'unit-mask',
            saliency: signed.map((v) => Math.abs(v) / largest),
            info: { runtimeMs: 250 },
          },
          'tester',
        ),
      ];
      return { ...base, recordName: record.name, explanationIds };
    } finally {
      study.close();
    }
  } catch (error) {
    base.remove();
    throw error;
  }
}
