import { openJobQueue } from '../job-queue';

/**
 * The crash test's child process. It starts a record-statistics job and, when the job reports
 * a phase containing PHASE, kills itself with SIGKILL: no handler, no cleanup, as a crash or
 * `kill -9` of the app would.
 *
 *   node run-until-killed.mjs STUDY WORKER_URL PHASE PARAMS_JSON SEED
 */
const [studyPath = '', workerUrl = '', killAtPhase = '', params = '{}', seed = '0'] = process.argv.slice(2);

const queue = await openJobQueue(studyPath, {
  actor: 'crash-test',
  poolSize: 1,
  workerUrl: new URL(workerUrl),
  progressIntervalMs: 0,
});
queue.onProgress(({ phase }) => {
  if (phase.includes(killAtPhase)) process.kill(process.pid, 'SIGKILL');
});
const job = await queue.submit('record-statistics', JSON.parse(params), { actor: 'crash-test', seed: Number(seed) });
const finished = await queue.settled(job.id);
process.stdout.write(`the job ended (${finished.status}) before the phase '${killAtPhase}' came\n`);
await queue.close();
