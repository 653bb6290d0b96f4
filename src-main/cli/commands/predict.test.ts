import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { salience as cli } from '../../../test/support/run-cli';
import { readNpy, reshaped, tensor, writeNpy } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { releaseModelSessions } from '../../models';
import { onnxGradDir, writeFixtureModel } from '../../models/testing/fixture-models';
import { createStripStudy, maxAbsDifference } from '../../models/testing/strip-study';
import type { Command } from '../command';

// The command table is wired by the CLI's owner; these tests run the command through the real CLI edge.
vi.mock('./index', async (importOriginal) => {
  const original = await importOriginal<{ commands: readonly Command[] }>();
  const { predictCommand } = await import('./predict');
  return { commands: [...original.commands, predictCommand] };
});

let dir: string;
let modelPath: string;
let scaledPath: string;
let study: string;
const x = (): Tensor => readNpy(readFileSync(join(onnxGradDir, 'cnn1d_beat.x.npy')));
const y = (): Tensor => readNpy(readFileSync(join(onnxGradDir, 'cnn1d_beat.y.npy')));
const read = (path: string): Float32Array => readNpy(readFileSync(path)).data as Float32Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salience-cli-predict-'));
  copyFileSync(join(onnxGradDir, 'cnn1d_beat.x.npy'), join(dir, 'x.npy'));
  modelPath = writeFixtureModel(dir, 'cnn1d_beat');
  ({ study, modelPath: scaledPath } = await createStripStudy(dir));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await releaseModelSessions();
});

describe('salience predict', () => {
  it('writes the outputs [B, K] of an .onnx model with its card beside it', async () => {
    const out = join(dir, 'y.npy');
    const result = await cli('predict', '--model', modelPath, '--input', join(dir, 'x.npy'), '--out', out);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^wrote .*y\.npy: \[4, 5\] float32 logits of model cnn1d-beat on cpu\npredicted: /);
    expect(readNpy(readFileSync(out)).shape).toEqual([4, 5]);
    expect(maxAbsDifference(read(out), y().data as Float32Array)).toBeLessThan(1e-5);
  });

  it("applies the card's preprocessing unless --raw, and takes one window [T, D]", async () => {
    const window = reshaped(x(), [4 * 360, 1]);
    const first = tensor('float32', [360, 1], window.data.slice(0, 360));
    writeFileSync(join(dir, 'one.npy'), writeNpy(first));
    const scaled = tensor(
      'float32',
      [360, 1],
      Float32Array.from(first.data as Float32Array, (v) => (v - 0.1) / 2),
    );
    writeFileSync(join(dir, 'one-scaled.npy'), writeNpy(scaled));

    const viaCard = await cli(
      'predict',
      '--model',
      scaledPath,
      '--input',
      join(dir, 'one.npy'),
      '--out',
      join(dir, 'a.npy'),
      '--json',
    );
    const viaRaw = await cli(
      'predict',
      '--model',
      scaledPath,
      '--input',
      join(dir, 'one-scaled.npy'),
      '--out',
      join(dir, 'b.npy'),
      '--raw',
    );
    expect([viaCard.code, viaRaw.code]).toEqual([0, 0]);
    expect(JSON.parse(viaCard.out)).toMatchObject({ shape: [1, 5], preprocessed: true, executionProvider: 'cpu' });
    expect(maxAbsDifference(read(join(dir, 'a.npy')), read(join(dir, 'b.npy')))).toBeLessThan(1e-6);
  });

  it('predicts over a record with a registered model and stores the windows', async () => {
    const overStrip = (...options: string[]) =>
      cli('predict', '--model', 'scaled-cnn', '--study', study, '--record', 'strip', ...options);
    const result = await overStrip('--stride', '720', '--json');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out) as { windowCount: number; labelCounts: Record<string, number> };
    expect(parsed).toMatchObject({ modelId: 'scaled-cnn', recordName: 'strip', windowCount: 5 });
    expect(Object.values(parsed.labelCounts).reduce((a, b) => a + b, 0)).toBe(5);
    const text = await overStrip('--from', '2', '--to', '4');
    expect(text.out).toMatch(/^model scaled-cnn over record strip: 2 windows stored in /);
  });

  it('names the input whose shape does not fit the model', async () => {
    writeFileSync(join(dir, 'wide.npy'), writeNpy(tensor('float32', [2, 360, 3])));
    const { code, err } = await cli(
      'predict',
      '--model',
      modelPath,
      '--input',
      join(dir, 'wide.npy'),
      '--out',
      join(dir, 'c.npy'),
    );
    expect(code).toBe(1);
    expect(err).toBe(
      `salience: ${join(dir, 'wide.npy')}: model cnn1d-beat takes float32 windows [B, 360, 1] (ch0); the file holds float32 [2, 360, 3]\n`,
    );
  });

  it('exits 2 when the options do not make one of its two forms', async () => {
    const noOut = await cli('predict', '--model', modelPath, '--input', join(dir, 'x.npy'));
    expect(noOut).toMatchObject({
      code: 2,
      err: expect.stringContaining('give --input X.npy and --out Y.npy') as string,
    });
    const noStudy = await cli('predict', '--model', 'scaled-cnn', '--record', 'strip');
    expect(noStudy).toMatchObject({ code: 2, err: expect.stringContaining('--record needs --study') as string });
    const unknown = await cli(
      'predict',
      '--model',
      'scaled-cnn',
      '--input',
      join(dir, 'x.npy'),
      '--out',
      join(dir, 'd.npy'),
    );
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('name its study with --study') as string });
  });
});
