import type { ApiParams } from '$api/contract';
import type { ApiClient } from '../api';
import { TrackedJob } from '../jobs/tracked-job.svelte';

/** The explain panel's job: explanations appear as each item finishes. */
export class ExplainJob extends TrackedJob<ApiParams<'startExplain'>> {
  constructor(api: Pick<ApiClient, 'startExplain' | 'cancelJob' | 'onEvent'>, onResults: (jobId: number) => void) {
    super(api, (params) => api.startExplain(params), onResults);
  }
}
