import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { salience } from '../../../test/support/run-cli';
import { readNpy, tensor, writeNpy } from '../../engine/ir';
import { parseModelCardJson, releaseModelSessions } from '../../models';
import { createBumpsStudy } from '../../models/testing/bumps-study';
import { bumps } from '../../models/testing/synthetic-tasks';

const dir = mkdtempSync(join(tmpdir(), 'salience-train-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  return releaseModelSessions();
});

/** Accuracy of `salience predict`'s logits [N, K] against class indices. */
function accuracy(logitsPath: string, targets: ArrayLike<number>): number {
  const logits = readNpy(readFileSync(logitsPath), logitsPath);
  const classes = logits.shape[1] ?? 0;
  let correct = 0;
  for (let n = 0; n < targets.length; n++) {
    const row = Array.from(logits.data as Float32Array).slice(n * classes, (n + 1) * classes);
    if (row.indexOf(Math.max(...row)) === targets[n]) correct += 1;
  }
  return correct / targets.length;
}

describe('salience train', () => {
  it('is listed in the help, with its options', async () => {
    expect((await salience('--help')).out).toMatch(/^ {2}train +train a model with the engine/m);
    const help = await salience('train', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: salience train --arch A --out DIR [--id ID] [--dataset X.npy]');
    expect(help.out).toMatch(/--band-pass LOW-HIGH +Butterworth band-pass in Hz/);
  });

  it('trains on windows and targets from .npy files, and writes an ONNX model with its card', async () => {
    const set = bumps(300, 1);
    const x = join(dir, 'bumps.npy');
    const y = join(dir, 'bumps-labels.npy');
    writeFileSync(x, writeNpy(tensor('float32', [set.count, 48, 2], set.windows)));
    writeFileSync(
      y,
      writeNpy(
        tensor(
          'int64',
          [set.count],
          BigInt64Array.from(set.targets, (t) => BigInt(t)),
        ),
      ),
    );
    const out = join(dir, 'models');
    const args = ['--dataset', x, '--targets', y, '--out', out, '--rate', '100', '--classes', 'up0,up1,down0'];
    const result = await salience('train', '--arch', 'cnn1d', ...args, '--epochs', '8', '--seed', '3', '--json');
    expect(result.err).toMatch(/epoch 1\/8 .*ETA/);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.out) as { onnx: string; card: string; metrics: { samples: number } };
    expect(summary.onnx).toBe(join(out, 'bumps-cnn1d.onnx'));
    const card = parseModelCardJson(readFileSync(summary.card, 'utf8'), summary.card);
    expect(card.sha256).toBe(createHash('sha256').update(readFileSync(summary.onnx)).digest('hex'));
    expect(card).toMatchObject({
      classNames: ['up0', 'up1', 'down0'],
      input: { windowLength: 48, samplingRateHz: 100 },
    });
    expect(card.metrics.samples).toBe(45);
    expect(card.metrics.values.accuracy).toBeGreaterThan(0.8);

    // The written model, run by `salience predict` on the whole set, classifies it far above chance (1/3).
    const logits = join(dir, 'bumps-logits.npy');
    expect((await salience('predict', '--model', summary.onnx, '--input', x, '--out', logits)).code).toBe(0);
    expect(accuracy(logits, set.targets)).toBeGreaterThan(0.8);
  }, 120_000);

  it("trains a ResNet on windows around a study's annotations, holding out the last record", async () => {
    const study = join(dir, 'beats.sqlite');
    const placed = createBumpsStudy(study);
    const out = join(dir, 'study-models');
    const result = await salience(
      'train',
      '--arch',
      'resnet1d',
      '--study',
      study,
      '--labels',
      'U,D',
      '--window',
      '0.48',
      '--filters',
      '4,8',
      '--kernel',
      '5',
      '--band-pass',
      '1-30',
      '--epochs',
      '6',
      '--lr',
      '0.01',
      '--out',
      out,
      '--id',
      'beat-resnet',
    );
    expect(result.err).toMatch(/epoch 1\/6/);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/wrote .*beat-resnet\.onnx/);
    const card = parseModelCardJson(readFileSync(join(out, 'beat-resnet.json'), 'utf8'), 'beat-resnet.json');
    expect(card.classNames).toEqual(['U', 'D']);
    expect(card.input).toEqual({ windowLength: 48, samplingRateHz: 100, channels: [{ name: 'MLII', units: 'mV' }] });
    expect(card.preprocessing.bandPass).toEqual({
      design: 'butterworth',
      order: 2,
      lowHz: 1,
      highHz: 30,
      phase: 'zero-phase',
    });
    expect(card.metrics.dataset).toMatch(/held-out record r4/);
    expect(card.metrics.samples).toBe(placed.r4);
    expect(card.metrics.values.accuracy).toBeGreaterThan(0.8);
    expect(card.training?.architecture).toMatch(/^resnet1d/);
  }, 120_000);

  it('saves the run in --checkpoint FILE, refuses a FILE that is not a saved run, and removes FILE once the model is written', async () => {
    const x = join(dir, 'bumps.npy');
    const y = join(dir, 'bumps-labels.npy');
    const run = [
      'train',
      '--arch',
      'cnn1d',
      '--dataset',
      x,
      '--targets',
      y,
      '--epochs',
      '3',
      '--seed',
      '4',
      '--id',
      'ck',
    ];
    const checkpoint = join(dir, 'ck.state');
    writeFileSync(checkpoint, 'epoch 2\n');
    const refused = await salience(...run, '--out', join(dir, 'ck-a'), '--checkpoint', checkpoint);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain(`${checkpoint}: not a saved training state`);
    expect(existsSync(join(dir, 'ck-a', 'ck.onnx'))).toBe(false);
    rmSync(checkpoint);

    expect((await salience(...run, '--out', join(dir, 'ck-a'), '--checkpoint', checkpoint)).code).toBe(0);
    expect(existsSync(checkpoint)).toBe(false);
    expect((await salience(...run, '--out', join(dir, 'ck-b'))).code).toBe(0);
    expect(readFileSync(join(dir, 'ck-a', 'ck.onnx')).equals(readFileSync(join(dir, 'ck-b', 'ck.onnx')))).toBe(true);
  }, 120_000);

  it('refuses what it cannot train, naming the option or field', async () => {
    const x = join(dir, 'bumps.npy');
    const y = join(dir, 'bumps-labels.npy');
    const unknown = await salience('train', '--arch', 'mlp', '--dataset', x, '--targets', y, '--out', dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--arch: expected one of cnn1d, resnet1d, gru, lstm, transformer, got 'mlp'/);
    const mixed = await salience(
      'train',
      '--arch',
      'gru',
      '--dataset',
      x,
      '--targets',
      y,
      '--labels',
      'a,b',
      '--out',
      dir,
    );
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/--labels goes with --study/);
    const unlabelled = await salience('train', '--arch', 'gru', '--study', join(dir, 'beats.sqlite'), '--out', dir);
    expect(unlabelled.code).toBe(2);
    expect(unlabelled.err).toMatch(/--study needs --labels a,b/);
    const nyquist = await salience(
      'train',
      ...['--arch', 'gru', '--dataset', x, '--targets', y, '--out', join(dir, 'none'), '--rate', '100'],
      ...['--band-pass', '1-60'],
    );
    expect(nyquist.code).toBe(1);
    expect(nyquist.err).toMatch(/preprocessing\.bandPass\.highHz: expected below the Nyquist frequency .*\(50 Hz\)/);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });
});
