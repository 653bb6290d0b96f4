import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ChannelWriter, insertRecord, openStudy } from '../../store';
import { readModelFiles } from '../model-files';
import { registerModel } from '../registry';
import { writeFixtureModel } from './fixture-models';

/** The strip's samples in mV, as the record stores them (gain 200, baseline 0): 10 s at 360 Hz. */
export const stripMv = Float32Array.from({ length: 3600 }, (_, i) => Math.round(200 * Math.sin(i / 20)) / 200);

/**
 * A study at `dir/study.sqlite` with one 10-second MLII record 'strip' and the cnn1d_beat fixture
 * registered as 'scaled-cnn', whose card standardises with mean 0.1 and std 2. Returns the study
 * path and the model's .onnx path.
 */
export async function createStripStudy(dir: string): Promise<{ study: string; modelPath: string }> {
  const modelPath = writeFixtureModel(mkdtempSync(join(dir, 'model-')), 'cnn1d_beat', (card) => ({
    ...card,
    id: 'scaled-cnn',
    input: { ...card.input, channels: [{ name: 'MLII', units: 'mV' }] },
    preprocessing: { channelMean: [0.1], channelStd: [2], filter: 'none' },
  }));
  const study = join(dir, 'study.sqlite');
  const s = openStudy(study, { create: true });
  try {
    registerModel(s.db, await readModelFiles(modelPath), { actor: 'tester' });
    const channel = { name: 'MLII', units: 'mV', gain: 200, baseline: 0, adcResolution: 11 };
    const { channelIds } = insertRecord(s.db, {
      name: 'strip',
      source: 'synthetic',
      patientExternalId: null,
      startTime: null,
      frameRateHz: 360,
      sampleCount: 3600,
      sourcePath: null,
      channels: [{ ...channel, samplingRateHz: 360, sampleCount: 3600 }],
    });
    const writer = new ChannelWriter(s.db, channelIds[0] ?? -1);
    writer.append(Float64Array.from(stripMv, (v) => v * 200));
    writer.finish();
  } finally {
    s.close();
  }
  return { study, modelPath };
}

/** The largest |a − b| over two arrays of the same length. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return worst;
}
