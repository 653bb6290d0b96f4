import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobTask } from './backend';
import { WorkerPool } from './worker-pool';

const dir = mkdtempSync(join(tmpdir(), 'salience-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in worker: the pool's side of the protocol does not depend on what runs the task. */
function workerScript(body: string): URL {
  const path = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    path,
    `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', ({ task }) => {\n${body}\n});\n`,
  );
  return pathToFileURL(path);
}

const task = (jobId: number): JobTask => ({ jobId, kind: 'k', params: {}, seed: 1, actor: 'ana', studyPath: '' });
const hooks = { onStart: () => undefined, onProgress: () => undefined };

describe('the worker pool', () => {
  it('says the app must be built when the worker script is missing', () => {
    expect(() => new WorkerPool({ workerUrl: pathToFileURL(join(dir, 'nowhere.js')) })).toThrow(/npm run build/);
  });

  it('fails the task of a thread that dies and gives the next task a fresh thread', async () => {
    const pool = new WorkerPool({
      size: 1,
      workerUrl: workerScript(`
        if (task.jobId === 1) process.exit(3);
        parentPort.postMessage({ type: 'outcome', outcome: { status: 'failed', error: 'job ' + task.jobId } });`),
    });
    const first = pool.run(task(1), hooks);
    const second = pool.run(task(2), hooks);
    await expect(first.outcome).resolves.toEqual({
      status: 'failed',
      error: "the job's worker thread stopped (exit code 3)",
    });
    await expect(second.outcome).resolves.toEqual({ status: 'failed', error: 'job 2' });
    await pool.close();
  });

  it('runs at most `size` tasks at a time, in the order they came', async () => {
    const started: number[] = [];
    const pool = new WorkerPool({
      size: 2,
      workerUrl: workerScript(`
        setTimeout(() => parentPort.postMessage({ type: 'outcome', outcome: { status: 'cancelled' } }), 20);`),
    });
    const running = [1, 2, 3, 4].map((id) => pool.run(task(id), { ...hooks, onStart: () => started.push(id) }));
    expect(started).toEqual([1, 2]);
    await Promise.all(running.map((r) => r.outcome));
    expect(started).toEqual([1, 2, 3, 4]);
    await pool.close();
  });
});
