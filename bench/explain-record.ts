import { openBeatStudy } from '../src-main/api/testing/beat-study';
import { explainRecordWindows } from '../src-main/explain';
import { forgetSharedBlackBoxes } from '../src-main/explain/shared-black-box';
import { measure, type Measurement } from './harness';

/** Ten 1-second windows of the shipped beat CNN: one 10-second, 2-lead stretch of the record view. */
const TEN_SECONDS = 3600;

/**
 * Explaining one 10-second, 2-lead window in the app with ContraLSP (its default setting), as the
 * record view asks for it: cold, every model import and graph traced and compiled anew (each
 * request before the compiled graphs were shared), and warm, reusing what the last request compiled.
 */
export async function explainRecordBenchmarks(): Promise<Measurement[]> {
  const beats = await openBeatStudy();
  const explain = (): Promise<unknown> =>
    explainRecordWindows(beats.study.db, {
      modelId: 'ecg-beat-cnn',
      record: String(beats.recordId),
      method: 'contralsp',
      seed: 1,
      fromSample: 0,
      toSample: TEN_SECONDS,
      actor: 'bench',
    });
  const target = '< 10 000 ms (issue 7)';
  try {
    const cold = await measure(
      'explain 10 s × 2 leads, ContraLSP, cold (traced and compiled)',
      () => {
        forgetSharedBlackBoxes();
        return explain();
      },
      { runs: 3, warmup: 1, target },
    );
    const warm = await measure('explain 10 s × 2 leads, ContraLSP, warm (compiled graph reused)', explain, {
      runs: 3,
      warmup: 1,
      target,
    });
    return [cold, warm];
  } finally {
    await beats.close();
  }
}
