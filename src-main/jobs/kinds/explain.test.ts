import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../api/contract';
import { createStripStudy } from '../../models/testing/strip-study';
import { listExplanations, openStudy, verifyAudit } from '../../store';
import { openJobQueue, type JobQueue } from '../job-queue';
import { buildJobBundles, type JobBundles } from '../testing/build-job-bundles';

let bundles: JobBundles;
let dir: string;
let study: string;
beforeAll(async () => {
  bundles = await buildJobBundles();
  dir = mkdtempSync(join(tmpdir(), 'salience-explain-job-'));
  ({ study } = await createStripStudy(dir));
});
afterAll(() => {
  bundles.remove();
  rmSync(dir, { recursive: true, force: true });
});

function storedExplanations(): number {
  const s = openStudy(study);
  try {
    const record = s.db.prepare<[], { id: number }>("SELECT id FROM records WHERE name = 'strip'").get();
    expect(verifyAudit(s.db).ok).toBe(true);
    return listExplanations(s.db, record?.id ?? -1).length;
  } finally {
    s.close();
  }
}

// Generous: a worker thread on a busy two-core machine. Nothing here measures time.
describe('an explain job', { timeout: 60_000 }, () => {
  let queue: JobQueue;
  afterAll(() => queue.close());

  it('cancelled in the middle of a long optimisation stops there and stores nothing', async () => {
    queue = await openJobQueue(study, {
      actor: 'tester',
      poolSize: 1,
      workerUrl: bundles.worker,
      progressIntervalMs: 0,
    });
    // Dynamask with twenty thousand epochs: minutes of work that only a cancel checked every step ends early.
    const job = await queue.submit(
      'explain',
      { model: 'scaled-cnn', methods: ['dynamask'], params: { dynamask: { epochs: 20_000 } }, toSec: 2 },
      { actor: 'ana', seed: 5 },
    );
    const underway = await new Promise<JobProgress>((resolve) => {
      const stop = queue.onProgress((event) => {
        if (event.jobId !== job.id || event.fraction === 0) return;
        stop();
        resolve(event);
      });
    });
    expect(underway.phase).toContain('dynamask');

    const cancelled = await queue.cancel(job.id, 'ben');
    expect(cancelled).toMatchObject({ status: 'cancelled', result: null, error: null });
    expect(cancelled.fraction).toBeLessThan(0.5);
    expect(storedExplanations()).toBe(0);
  });
});
