import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../engine/program';
import { tensor } from '../engine/ir';
import { ChannelWriter, insertRecord, openStudy, verifyAudit } from '../store';
import type { NewChannel, Study } from '../store';
import { checkModel } from './check-model';
import { openModelRunner, releaseModelSessions } from './inference';
import type { LoadedModel } from './loaded-model';
import { listPredictionRuns, readPredictions } from './predictions';
import { predictRecord } from './record-prediction';
import { registerModel, removeModel } from './registry';
import { fixtureCard, fixtureOnnx } from './testing/fixture-models';

const LENGTH = 360 * 4 + 50;
const GAP_AT = 700;
const mlii: NewChannel = {
  name: 'MLII',
  units: 'mV',
  gain: 200,
  baseline: 1024,
  adcResolution: 11,
  samplingRateHz: 360,
  sampleCount: LENGTH,
};

let dir: string;
let study: Study;
let model: LoadedModel;
let digital: Float64Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salience-predict-'));
  study = openStudy(join(dir, 'study.sqlite'), { create: true });
  const rng = new Rng(11);
  digital = Float64Array.from(rng.normal([LENGTH], { mean: 1024, std: 60 }).data as Float32Array, Math.round);
  digital[GAP_AT] = Number.NaN;
  const { channelIds } = insertRecord(study.db, {
    name: 'beats',
    source: 'synthetic',
    patientExternalId: null,
    startTime: null,
    frameRateHz: 360,
    sampleCount: LENGTH,
    sourcePath: null,
    channels: [{ ...mlii, name: 'V5' }, mlii],
  });
  const writer = new ChannelWriter(study.db, channelIds[1] ?? -1);
  writer.append(digital);
  writer.finish();
  insertRecord(study.db, {
    name: 'fast',
    source: 'synthetic',
    patientExternalId: null,
    startTime: null,
    frameRateHz: 500,
    sampleCount: 1000,
    sourcePath: null,
    channels: [{ ...mlii, samplingRateHz: 500, sampleCount: 1000 }],
  });
  const card = fixtureCard('cnn1d_beat');
  model = await checkModel(
    fixtureOnnx('cnn1d_beat'),
    {
      ...card,
      input: { ...card.input, channels: [{ name: 'MLII', units: 'mV' }] },
      preprocessing: { channelMean: [0.05], channelStd: [0.5], filter: 'subtract-window-mean' },
    },
    { onnx: 'cnn.onnx', card: 'cnn.json' },
  );
  registerModel(study.db, model, { actor: 'tester' });
});
afterAll(async () => {
  study.close();
  rmSync(dir, { recursive: true, force: true });
  await releaseModelSessions();
});

/** The window at `start` as the card says the model sees it, computed here from the raw digital samples. */
function expectedWindow(start: number): Float32Array {
  const physical = Array.from(digital.subarray(start, start + 360), (v) => (v - 1024) / 200);
  const present = physical.filter((v) => !Number.isNaN(v));
  const mean = present.reduce((s, v) => s + v, 0) / present.length;
  return Float32Array.from(physical, (v) => (Number.isNaN(v) ? 0 : (v - mean - 0.05) / 0.5));
}

describe('record-level prediction', () => {
  it("slides the model's window over the record and stores every window's outputs", async () => {
    const progress: number[] = [];
    const result = await predictRecord(study.db, 'cnn1d-beat', 'beats', {
      actor: 'tester',
      stride: 180,
      onProgress: (done) => progress.push(done),
    });
    const starts = [0, 180, 360, 540, 720, 900, 1080];
    expect(result).toMatchObject({ modelId: 'cnn1d-beat', recordName: 'beats', windowCount: starts.length });
    expect(result.windowsWithGaps).toBe(starts.filter((s) => s <= GAP_AT && GAP_AT < s + 360).length);
    expect(progress.at(-1)).toBe(starts.length);

    const stored = readPredictions(study.db, 'cnn1d-beat', result.recordId);
    expect(stored.map((w) => w.startSample)).toEqual(starts);
    const windows = new Float32Array(starts.length * 360);
    starts.forEach((s, b) => windows.set(expectedWindow(s), b * 360));
    const runner = await openModelRunner(model);
    const expected = await runner.run(tensor('float32', [starts.length, 360, 1], windows));
    stored.forEach((w, b) => {
      const row = Array.from(expected.data.subarray(b * 5, (b + 1) * 5) as Float32Array);
      Array.from(w.outputs).forEach((v, k) => expect(v).toBeCloseTo(row[k] ?? NaN, 5));
      const top = Math.max(...row);
      expect(w.label).toBe(row.indexOf(top));
      expect(w.score).toBeCloseTo(Math.exp(top) / row.reduce((sum, v) => sum + Math.exp(v), 0), 6);
    });
  });

  it('replaces an earlier run, summarises it per label, and audits each run', async () => {
    await predictRecord(study.db, 'cnn1d-beat', 'beats', { actor: 'tester', fromSample: 360, toSample: 1080 });
    const [run, ...others] = listPredictionRuns(study.db);
    expect(others).toEqual([]);
    expect(run).toMatchObject({ modelId: 'cnn1d-beat', stride: 360, windowLength: 360, windowCount: 2 });
    expect(Object.values(run?.labelCounts ?? {}).reduce((a, b) => a + b, 0)).toBe(2);
    expect(readPredictions(study.db, 'cnn1d-beat', run?.recordId ?? -1).map((w) => w.startSample)).toEqual([360, 720]);
    const actions = study.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'predict'").pluck().get();
    expect(actions).toBe(2);
    expect(verifyAudit(study.db).ok).toBe(true);
  });

  it("refuses a record whose channels do not fit the model's card", async () => {
    await expect(predictRecord(study.db, 'cnn1d-beat', 'fast', { actor: 'tester' })).rejects.toThrow(
      "record fast: channel 'MLII' is sampled at 500 Hz; model cnn1d-beat expects 360 Hz",
    );
    const card = {
      ...model.card,
      id: 'lead-ii',
      input: { ...model.card.input, channels: [{ name: 'II', units: 'mV' }] },
    };
    registerModel(study.db, await checkModel(fixtureOnnx('cnn1d_beat'), card, { onnx: 'ii.onnx', card: 'ii.json' }), {
      actor: 'tester',
    });
    await expect(predictRecord(study.db, 'lead-ii', 'beats', { actor: 'tester' })).rejects.toThrow(
      "record beats has no channel 'II' that model lead-ii needs; it has V5, MLII",
    );
    await expect(predictRecord(study.db, 'cnn1d-beat', 'beats', { actor: 'tester', fromSample: 1200 })).rejects.toThrow(
      "samples 1200 to 1490 are shorter than model cnn1d-beat's window of 360 samples",
    );
  });

  it("removes a model's predictions with the model", () => {
    removeModel(study.db, 'cnn1d-beat', 'tester');
    expect(listPredictionRuns(study.db)).toEqual([]);
    expect(study.db.prepare('SELECT count(*) FROM model_predictions').pluck().get()).toBe(0);
  });
});
