import { insertAnnotations, insertRecord, openStudy } from '../../../src-main/store';
import { createTempStudy, type TempStudy } from '../../support/temp-study';

/**
 * A study with `count` one-lead records (rows only: the browser lists, it does not read samples):
 * record i is `rec-i`, from EDF when i is a multiple of 3 (CSV otherwise), of patient `p-(i mod 500)`,
 * with one PVC annotation when i is a multiple of 10.
 */
export function createManyRecordStudy(count: number): TempStudy {
  const temp = createTempStudy([]);
  const study = openStudy(temp.path);
  try {
    study.db.transaction(() => {
      for (let i = 1; i <= count; i++) {
        const { recordId } = insertRecord(study.db, {
          name: `rec-${i}`,
          source: i % 3 === 0 ? 'edf' : 'csv',
          patientExternalId: `p-${i % 500}`,
          startTime: null,
          frameRateHz: 250,
          sampleCount: 250 * 60,
          sourcePath: null,
          channels: [
            {
              name: 'II',
              units: 'mV',
              gain: 1,
              baseline: 0,
              adcResolution: null,
              samplingRateHz: 250,
              sampleCount: 250 * 60,
            },
          ],
        });
        if (i % 10 === 0) {
          insertAnnotations(
            study.db,
            recordId,
            [{ sample: 100, endSample: null, channel: null, code: 5, symbol: 'V', subtype: 0, aux: null }],
            { author: 'e2e', source: 'imported' },
          );
        }
      }
    })();
  } finally {
    study.close();
  }
  return temp;
}
