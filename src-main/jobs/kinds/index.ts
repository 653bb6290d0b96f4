import type { JobKind } from '../job-kind';
import { explainJob } from './explain';
import { importJob } from './import';
import { predictJob } from './predict';
import { recordStatistics } from './record-statistics';
import { trainJob } from './train';

/**
 * Every job kind this version runs. A new kind (an explainer, training, batch prediction) is
 * one file beside these and one entry here; the worker and the queue both read this list.
 */
export const jobKinds: readonly JobKind[] = [importJob, recordStatistics, explainJob, predictJob, trainJob];

export { ImportParams } from './import';
export { ExplainParams, PredictParams, RecordStatisticsParams, TrainParams } from '../job-schema';
export { readChannelStatistics, type StoredChannelStatistics } from './channel-statistics';
