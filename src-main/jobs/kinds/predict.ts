import { z } from 'zod';
import { loadRegisteredModel, predictRecord } from '../../models';
import { applyEngineSettings } from '../../settings/study-settings';
import { cohortSummary, proportionalSteps, runCohort, type CohortOutcome, type CohortWork } from '../cohort';
import { defineJobKind } from '../job-kind';
import { PredictParams, type SummaryTable } from '../job-schema';
import { selectRecords } from './record-selection';

/** Progress within one record is reported in hundredths of its windows. */
const STEPS_PER_ITEM = 100;

const ItemResult = z.object({
  windows: z.number(),
  windowsWithGaps: z.number(),
  labelCounts: z.record(z.string(), z.number()),
});
type ItemResult = z.output<typeof ItemResult>;

/**
 * Batch prediction: one cohort item per record, its windows' outputs stored together when the
 * record is done (a cancel or a failure part-way leaves that record's earlier predictions as they were).
 */
export const predictJob = defineJobKind({
  name: 'predict',
  params: PredictParams,
  async run(context) {
    const { params, study } = context;
    applyEngineSettings(study.db);
    const { card } = loadRegisteredModel(study.db, params.model);
    const stride =
      params.strideSec === undefined
        ? undefined
        : Math.max(1, Math.round(params.strideSec * card.input.samplingRateHz));
    const work: CohortWork<ItemResult> = {
      value: ItemResult,
      selectItems: () => selectRecords(study, params.records),
      prepare: (item) => ({
        steps: STEPS_PER_ITEM,
        run: async (clock) => {
          const advance = proportionalSteps(clock, STEPS_PER_ITEM);
          advance(0, 1);
          const result = await predictRecord(study.db, params.model, item.key, {
            actor: context.actor,
            stride,
            onProgress: advance,
          });
          return {
            windows: result.windowCount,
            windowsWithGaps: result.windowsWithGaps,
            labelCounts: { ...result.labelCounts },
          };
        },
      }),
    };
    const outcomes = await runCohort(context, work);
    return {
      table: 'model_prediction_runs',
      key: 'record_id',
      ids: outcomes.flatMap((o) => (o.ok ? [Number(o.item.key)] : [])),
      summary: summarise(card.classNames, outcomes),
    };
  },
});

function summarise(classNames: readonly string[], outcomes: readonly CohortOutcome<ItemResult>[]): SummaryTable {
  const labelOf = (key: string) => (key === 'none' ? 'value' : (classNames[Number(key)] ?? key));
  return cohortSummary(['windows', 'with gaps', 'predicted'], outcomes, (value) => [
    value.windows,
    value.windowsWithGaps,
    Object.entries(value.labelCounts)
      .map(([key, count]) => `${labelOf(key)} ${count}`)
      .join(', '),
  ]);
}
