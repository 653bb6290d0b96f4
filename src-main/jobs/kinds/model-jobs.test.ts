import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import type { JobProgress } from '../../api/contract';
import { findModel, readPredictions } from '../../models';
import { createBumpsStudy } from '../../models/testing/bumps-study';
import { ARCHITECTURES } from '../../models/training/architectures';
import { fixtureOnnx } from '../../models/testing/fixture-models';
import { createStripStudy, maxAbsDifference, stripMv } from '../../models/testing/strip-study';
import { listExplanations, openStudy, readExplanation, verifyAudit, type Study } from '../../store';
import { listStudyFittedExplainers } from '../../store/fitted-explainers';
import { openJobQueue, type JobQueue } from '../job-queue';
import { TRAINABLE_ARCHITECTURES, type TrainParams } from '../job-schema';
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

/** Reads the strip record's rows from the study, once its audit chain is checked. */
function fromStrip<T>(read: (s: Study, recordId: number) => T): T {
  const s = openStudy(study);
  try {
    const record = s.db.prepare<[], { id: number }>("SELECT id FROM records WHERE name = 'strip'").get();
    expect(verifyAudit(s.db).ok).toBe(true);
    return read(s, record?.id ?? -1);
  } finally {
    s.close();
  }
}

let queue: JobQueue;
beforeAll(async () => {
  queue = await openJobQueue(study, { actor: 'tester', poolSize: 1, workerUrl: bundles.worker, progressIntervalMs: 0 });
});
afterAll(() => queue.close());

// Generous: a worker thread on a busy two-core machine. Nothing here measures time.
/** The job's first progress event past zero (the work is underway). */
function underway(jobs: JobQueue, jobId: number): Promise<JobProgress> {
  return new Promise((resolve) => {
    const stop = jobs.onProgress((event) => {
      if (event.jobId !== jobId || event.fraction === 0) return;
      stop();
      resolve(event);
    });
  });
}

describe('an explain job', { timeout: 60_000 }, () => {
  it('cancelled in the middle of a long optimisation stops there and stores nothing', async () => {
    // Dynamask with twenty thousand epochs: minutes of work that only a cancel checked every step ends early.
    const job = await queue.submit(
      'explain',
      { model: 'scaled-cnn', methods: ['dynamask'], params: { dynamask: { epochs: 20_000 } }, toSec: 2 },
      { actor: 'ana', seed: 5 },
    );
    expect((await underway(queue, job.id)).phase).toContain('dynamask');

    const cancelled = await queue.cancel(job.id, 'ben');
    expect(cancelled).toMatchObject({ status: 'cancelled', result: null, error: null });
    expect(cancelled.fraction).toBeLessThan(0.5);
    expect(fromStrip((s, recordId) => listExplanations(s.db, recordId))).toEqual([]);
  });
});

describe('an explain job with an amortised method', { timeout: 120_000 }, () => {
  const timexpp = (params: Record<string, number>) =>
    queue.submit(
      'explain',
      { model: 'scaled-cnn', methods: ['timexpp'], params: { timexpp: { batchSize: 5, ...params } }, toSec: 2 },
      { actor: 'ana', seed: 6 },
    );
  const fits = () => fromStrip((s) => listStudyFittedExplainers(s.db).map((f) => f.id));

  it('cancelled while the explainer is fitted stores no fit and no explanation', async () => {
    // 100 steps: progress shows after two of them, long before the fit ends.
    const job = await timexpp({ epochs: 50 });
    await underway(queue, job.id);
    expect(await queue.cancel(job.id, 'ben')).toMatchObject({ status: 'cancelled', result: null });
    expect(fits()).toEqual([]);
    expect(fromStrip((s, recordId) => listExplanations(s.db, recordId))).toEqual([]);
  });

  it('fits and stores once in the worker; the next job reuses the stored fit', async () => {
    const first = await queue.settled((await timexpp({ epochs: 1 })).id);
    expect(first).toMatchObject({ status: 'succeeded', error: null });
    const [id] = fits();
    expect(fits()).toHaveLength(1);
    const second = await queue.settled((await timexpp({ epochs: 1 })).id);
    expect(second).toMatchObject({ status: 'succeeded', error: null });
    expect(fits()).toEqual([id]);
    const notes = fromStrip((s) => readExplanation(s.db, second.result?.ids[0] ?? -1)?.info.notes) as string[];
    expect(notes[0]).toMatch(
      new RegExp(`^reused the stored explainer: fitted explainer #${id}, .* on 10 windows of 1 records`),
    );
  });
});

describe('a predict job', { timeout: 60_000 }, () => {
  it("stores every window's output over the matching records, as ONNX Runtime computes it", async () => {
    const job = await queue.settled(
      (
        await queue.submit(
          'predict',
          { model: 'scaled-cnn', records: { search: 'strip' }, strideSec: 0.5 },
          { actor: 'ana' },
        )
      ).id,
    );
    expect(job).toMatchObject({ status: 'succeeded', fraction: 1, error: null });

    // Independently: windows every 180 samples, standardised by the card (mean 0.1, std 2), run by ONNX Runtime.
    const starts = Array.from({ length: 19 }, (_, i) => 180 * i);
    const input = new Float32Array(starts.length * 360);
    starts.forEach((start, b) =>
      input.set(
        Float32Array.from(stripMv.subarray(start, start + 360), (v) => (v - 0.1) / 2),
        b * 360,
      ),
    );
    const session = await ort.InferenceSession.create(fixtureOnnx('cnn1d_beat'));
    const [outputName = ''] = session.outputNames;
    const [inputName = ''] = session.inputNames;
    const expected = (await session.run({ [inputName]: new ort.Tensor('float32', input, [starts.length, 360, 1]) }))[
      outputName
    ];
    await session.release();
    const logits = expected?.data as Float32Array;
    const labels = starts.map((_, b) => {
      const row = Array.from(logits.subarray(b * 5, b * 5 + 5));
      return row.indexOf(Math.max(...row));
    });

    const stored = fromStrip((s, recordId) => readPredictions(s.db, 'scaled-cnn', recordId));
    expect(stored.map((w) => w.startSample)).toEqual(starts);
    expect(stored.map((w) => w.label)).toEqual(labels);
    expect(maxAbsDifference(Float32Array.from(stored.flatMap((w) => Array.from(w.outputs))), logits)).toBeLessThan(
      1e-5,
    );
    const recordId = fromStrip((_, id) => id);
    expect(job.result).toMatchObject({ table: 'model_prediction_runs', key: 'record_id', ids: [recordId] });
    expect(job.result?.summary.rows).toEqual([['record strip', 19, 0, expect.any(String), 'done']]);
  });
});

describe('a train job', { timeout: 120_000 }, () => {
  let beats: string;
  beforeAll(() => {
    beats = join(dir, 'beats.sqlite');
    createBumpsStudy(beats);
  });
  const openBeatsQueue = () =>
    openJobQueue(beats, { actor: 'tester', poolSize: 1, workerUrl: bundles.worker, progressIntervalMs: 0 });

  it('offers the architectures the trainer builds', () => {
    expect(TRAINABLE_ARCHITECTURES).toEqual(ARCHITECTURES);
  });

  it('trains on the annotated windows and registers the model with its held-out metrics', async () => {
    const trainQueue = await openBeatsQueue();
    try {
      const params: TrainParams = {
        architecture: 'cnn1d',
        labels: ['U', 'D'],
        windowSec: 0.48,
        epochs: 4,
        learningRate: 0.01,
        sizes: { filters: [4] },
        id: 'bumps-cnn',
      };
      const job = await trainQueue.settled((await trainQueue.submit('train', params, { actor: 'ana', seed: 2 })).id);
      expect(job).toMatchObject({ status: 'succeeded', error: null, result: { table: 'models', key: 'rowid' } });
      const s = openStudy(beats);
      try {
        const model = findModel(s.db, 'bumps-cnn');
        expect(model.card.classNames).toEqual(['U', 'D']);
        expect(model.card.metrics.dataset).toMatch(/held-out record r4/);
        expect(model.card.metrics.values.accuracy).toBeGreaterThan(0.7);
        expect(job.result?.summary.rows[0]?.[0]).toBe('bumps-cnn');
        expect(verifyAudit(s.db).ok).toBe(true);
      } finally {
        s.close();
      }
    } finally {
      await trainQueue.close();
    }
  });

  it('cancelled mid-training stops within a step and registers nothing', async () => {
    const trainQueue = await openBeatsQueue();
    try {
      const params: TrainParams = {
        architecture: 'gru',
        labels: ['U', 'D'],
        windowSec: 0.48,
        epochs: 10_000,
        patience: 10_000,
        id: 'never',
      };
      const job = await trainQueue.submit('train', params, { actor: 'ana' });
      await underway(trainQueue, job.id);
      expect(await trainQueue.cancel(job.id, 'ben')).toMatchObject({ status: 'cancelled', result: null });
      const s = openStudy(beats);
      try {
        expect(s.db.prepare("SELECT count(*) FROM models WHERE id = 'never'").pluck().get()).toBe(0);
      } finally {
        s.close();
      }
    } finally {
      await trainQueue.close();
    }
  });
});
