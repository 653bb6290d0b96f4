import { z } from 'zod';
import { explainRecordWindows, findExplainer } from '../../explain';
import { loadRegisteredModel } from '../../models';
import { applyEngineSettings } from '../../settings/study-settings';
import { deleteUncheckpointedExplanations, findRecord } from '../../store';
import { cohortSummary, proportionalSteps, runCohort, type CohortOutcome, type CohortWork } from '../cohort';
import { defineJobKind } from '../job-kind';
import { ExplainParams, type SummaryTable } from '../job-schema';
import { selectRecords } from './record-selection';

/** Progress within one explanation is reported in hundredths: the explainers report fractions, not fixed step counts. */
const STEPS_PER_ITEM = 100;

const ItemResult = z.object({
  explanationIds: z.array(z.number()),
  targets: z.array(z.number()),
  runtimeMs: z.number(),
});
type ItemResult = z.output<typeof ItemResult>;

/**
 * Explains windows of every matching record with each method: one cohort item per record and
 * method, checkpointed when its explanations are stored, so a resumed job skips finished items.
 */
export const explainJob = defineJobKind({
  name: 'explain',
  params: ExplainParams,
  async run(context) {
    const { params, study } = context;
    // Unknown methods and bad parameters fail before the first item, not after an hour of work.
    for (const method of params.methods) findExplainer(method).parseParams(params.params[method]);
    applyEngineSettings(study.db);
    const model = loadRegisteredModel(study.db, params.model);
    const rate = model.card.input.samplingRateHz;
    const work: CohortWork<ItemResult> = {
      value: ItemResult,
      selectItems: () =>
        selectRecords(study, params.records).flatMap((record) =>
          params.methods.map((method) => ({ key: `${record.key}:${method}`, label: `${record.label} ${method}` })),
        ),
      prepare: (item) => {
        const [recordKey = '', method = ''] = item.key.split(':');
        return {
          steps: STEPS_PER_ITEM,
          run: async (clock) => {
            const record = findRecord(study.db, recordKey);
            deleteUncheckpointedExplanations(
              study.db,
              { jobId: context.jobId, recordId: record.id, method },
              context.actor,
            );
            const advance = proportionalSteps(clock, STEPS_PER_ITEM);
            const result = await explainRecordWindows(study.db, {
              modelId: params.model,
              record: recordKey,
              method,
              params: params.params[method],
              seed: context.seed,
              target: params.target,
              fromSample: Math.round(params.fromSec * rate),
              toSample: params.toSec === undefined ? undefined : Math.round(params.toSec * rate),
              stride: params.strideSec === undefined ? undefined : Math.round(params.strideSec * rate),
              actor: context.actor,
              jobId: context.jobId,
              cancel: context.signal,
              onProgress: ({ step, steps }) => advance(step, steps),
            });
            return {
              explanationIds: [...result.explanationIds],
              targets: [...result.targets],
              runtimeMs: result.runtimeMs,
            };
          },
        };
      },
    };
    const outcomes = await runCohort(context, work);
    return {
      table: 'explanations',
      key: 'id',
      ids: outcomes.flatMap((o) => (o.ok ? o.value.explanationIds : [])),
      summary: summarise(outcomes),
    };
  },
});

function summarise(outcomes: readonly CohortOutcome<ItemResult>[]): SummaryTable {
  return cohortSummary(['windows', 'runtime (s)'], outcomes, (value) => [
    value.explanationIds.length,
    Math.round(value.runtimeMs) / 1000,
  ]);
}
