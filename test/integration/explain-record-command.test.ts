import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputGradient, tensor } from '../../src-main/engine';
import { readPredictions, releaseModelSessions } from '../../src-main/models';
import { fixtureOnnx } from '../../src-main/models/testing/fixture-models';
import { createStripStudy, maxAbsDifference, stripMv } from '../../src-main/models/testing/strip-study';
import { listExplanations, openStudy, readExplanation, verifyAudit } from '../../src-main/store';

// The record form runs as a job on a worker thread: only the built command has the bundled worker.
const bin = fileURLToPath(new URL('../../bin/salience.js', import.meta.url));
function salience(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let study: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salience-explain-record-'));
  ({ study } = await createStripStudy(dir));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await releaseModelSessions();
});

function countExplanations(): number {
  const s = openStudy(study);
  try {
    const record = s.db.prepare<[], { id: number }>("SELECT id FROM records WHERE name = 'strip'").get();
    return listExplanations(s.db, record?.id ?? -1).length;
  } finally {
    s.close();
  }
}

const onStrip = ['explain', '--study', '', '--record', 'strip', '--model', 'scaled-cnn'];

describe('salience explain --record', { timeout: 120_000 }, () => {
  it('explains windows of a record as a job and stores each with its provenance', async () => {
    onStrip[2] = study;
    const result = salience(
      ...onStrip,
      ...['--from', '2', '--to', '4', '--method', 'gradient', '--params', '{"abs": false}', '--seed', '11', '--json'],
    );
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const { explanations } = JSON.parse(result.stdout) as { explanations: number[] };
    expect(explanations).toHaveLength(2);

    // Independently: the card's preprocessing of samples 1080…1439 (the second window), then the input gradient.
    const window = tensor(
      'float32',
      [1, 360, 1],
      Float32Array.from(stripMv.subarray(1080, 1440), (v) => (v - 0.1) / 2),
    );
    const bytes = fixtureOnnx('cnn1d_beat');
    const { output } = await inputGradient(bytes, window, { targets: [0] });
    const scores = Array.from(output.data as Float32Array);
    const predicted = scores.indexOf(Math.max(...scores));
    const { gradient } = await inputGradient(bytes, window, { targets: [predicted] });

    const s = openStudy(study);
    try {
      const stored = readExplanation(s.db, explanations[1] ?? -1);
      expect(stored).toMatchObject({
        method: 'gradient',
        seed: 11,
        target: predicted,
        startSample: 1080,
        scale: 'signed',
      });
      expect(stored?.params).toEqual({ abs: false });
      expect(stored?.jobId).toEqual(expect.any(Number));
      expect(maxAbsDifference(stored?.saliency ?? [], gradient.data as Float32Array)).toBeLessThan(1e-6);
      const faithfulness = stored?.info.faithfulness as Record<string, number>;
      expect(Object.keys(faithfulness).sort()).toEqual([
        'deletionAuc',
        'insertionAuc',
        'randomDeletionAuc',
        'randomInsertionAuc',
      ]);
      for (const auc of Object.values(faithfulness)) expect(auc).toBeGreaterThanOrEqual(0);
      for (const auc of Object.values(faithfulness)) expect(auc).toBeLessThanOrEqual(1);
      expect(verifyAudit(s.db).ok).toBe(true);
    } finally {
      s.close();
    }
  });

  it('stores nothing when the method refuses its parameters, and names what is wrong', () => {
    onStrip[2] = study;
    const before = countExplanations();
    const bad = salience(...onStrip, '--method', 'integrated-gradients', '--params', '{"nSteps": -3}');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^salience: integrated-gradients: invalid parameters: .*nSteps/s);
    const beyond = salience(...onStrip, '--method', 'gradient', '--from', '9.5');
    expect(beyond.status).toBe(1);
    expect(beyond.stderr).toMatch(/record strip: samples 3420 to 3780|shorter than model/);
    expect(countExplanations()).toBe(before);
  });
});

describe('salience jobs predict', { timeout: 120_000 }, () => {
  it("slides the model over the matching records as a job and stores every window's output", () => {
    const result = salience(
      'jobs',
      'predict',
      '--study',
      study,
      '--model',
      'scaled-cnn',
      '--search',
      'strip',
      '--json',
    );
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const { job } = JSON.parse(result.stdout) as { job: { kind: string; status: string; result: unknown } };
    expect(job).toMatchObject({ kind: 'predict', status: 'succeeded' });
    expect(job.result).toMatchObject({ summary: { rows: [['record strip', 10, 0, expect.any(String), 'done']] } });
    const s = openStudy(study);
    try {
      const record = s.db.prepare<[], { id: number }>("SELECT id FROM records WHERE name = 'strip'").get();
      const stored = readPredictions(s.db, 'scaled-cnn', record?.id ?? -1);
      expect(stored.map((w) => w.startSample)).toEqual(Array.from({ length: 10 }, (_, i) => 360 * i));
      expect(verifyAudit(s.db).ok).toBe(true);
    } finally {
      s.close();
    }
  });
});
