import { parentPort } from 'node:worker_threads';
import { jobKinds } from './kinds';
import { runTask } from './run-task';
import type { RunMessage, WorkerMessage } from './worker-protocol';

/**
 * The worker thread's entry. `scripts/build.js` bundles it as `out/jobs/worker.js`, beside the
 * bundled app and CLI, which find it at `../jobs/worker.js`; tests bundle it into a temporary
 * folder with esbuild (`testing/build-job-bundles.ts`), because Node 20 cannot run a
 * TypeScript worker and vitest transforms only the test's own thread.
 */
const port = parentPort;
if (port === null) throw new Error('src-main/jobs/worker.ts runs only as a worker thread');

const post = (message: WorkerMessage): void => port.postMessage(message);

port.on('message', ({ task, cancelFlag }: RunMessage) => {
  void runTask(task, jobKinds, cancelFlag, (progress) => post({ type: 'progress', ...progress })).then((outcome) =>
    post({ type: 'outcome', outcome }),
  );
});
