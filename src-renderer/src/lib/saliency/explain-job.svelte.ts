import type { ApiParams } from '$api/contract';
import type { ApiClient } from '../api';
import { TrackedJob } from '../jobs/tracked-job.svelte';
import type { JobShown } from './saliency-view.svelte';

/**
 * The explain panel's job: explanations appear as each item finishes, reported with the methods
 * the job was asked for, in order.
 */
export class ExplainJob extends TrackedJob<ApiParams<'startExplain'>> {
  constructor(api: Pick<ApiClient, 'startExplain' | 'cancelJob' | 'onEvent'>, onResults: (job: JobShown) => void) {
    let methods: readonly string[] = [];
    super(
      api,
      (params) => {
        methods = params.methods;
        return api.startExplain(params);
      },
      (jobId) => onResults({ jobId, methods }),
    );
  }
}
