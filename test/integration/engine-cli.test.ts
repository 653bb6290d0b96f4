import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../src-main/engine';
import { salience } from '../support/run-cli';
import { fixturesDir } from '../support/sample-data';

const fixtures = join(fixturesDir('engine'), 'onnx-grad');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-engine-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function npy(path: string): Float32Array {
  return readNpy(readFileSync(path), path).data as Float32Array;
}

/** max |a - b| / max |b|, the fixtures' measure. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  let diff = 0;
  let scale = 0;
  expected.forEach((b, i) => {
    diff = Math.max(diff, Math.abs((actual[i] ?? Number.NaN) - b));
    scale = Math.max(scale, Math.abs(b));
  });
  return diff / scale;
}

describe('salience grad', () => {
  it("writes PyTorch's input gradient for per-row targets, and J^T u for a cotangent", async () => {
    const model = join(fixtures, 'cnn1d_beat.onnx');
    const input = join(fixtures, 'cnn1d_beat.x.npy');
    const out = join(dir, 'g.npy');
    const byTarget = await salience(
      'grad',
      '--model',
      model,
      '--input',
      input,
      '--target',
      join(fixtures, 'cnn1d_beat.target.npy'),
      '--out',
      out,
    );
    expect(byTarget).toMatchObject({ code: 0, err: '' });
    expect(relativeError(npy(out), npy(join(fixtures, 'cnn1d_beat.grad.npy')))).toBeLessThan(1e-4);
    const byCotangent = await salience(
      'grad',
      '--model',
      model,
      '--input',
      input,
      '--cotangent',
      join(fixtures, 'cnn1d_beat.u.npy'),
      '--out',
      out,
      '--json',
    );
    expect(JSON.parse(byCotangent.out)).toMatchObject({ shape: [4, 360, 1] });
    expect(relativeError(npy(out), npy(join(fixtures, 'cnn1d_beat.vjp.npy')))).toBeLessThan(1e-4);
  });

  it('refuses a target outside the classes and a call with both seeds', async () => {
    const args = [
      '--model',
      join(fixtures, 'mlp_flat.onnx'),
      '--input',
      join(fixtures, 'mlp_flat.x.npy'),
      '--out',
      join(dir, 'x.npy'),
    ];
    expect(await salience('grad', ...args, '--target', '7')).toMatchObject({
      code: 1,
      err: expect.stringContaining('target 7 of row 0 is not a class index 0…2') as string,
    });
    expect(
      (await salience('grad', ...args, '--target', '0', '--cotangent', join(fixtures, 'mlp_flat.u.npy'))).code,
    ).toBe(2);
  });
});

describe('salience bench engine', () => {
  it('times the mask step of every fixture in a folder and reports it as JSON', async () => {
    for (const suffix of ['.onnx', '.x.npy', '.target.npy'])
      copyFileSync(join(fixtures, `mlp_flat${suffix}`), join(dir, `mlp_flat${suffix}`));
    const result = await salience('bench', 'engine', '--models', dir, '--steps', '3', '--threads', '1', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as {
      models: Record<
        string,
        {
          ms_per_step: number;
          mean_ms: number;
          min_ms: number;
          compile_ms: number;
          peak_rss_mb: number;
          pytorch_ms: number;
        }
      >;
    };
    expect(Object.keys(report.models)).toEqual(['mlp_flat']);
    const row = report.models.mlp_flat;
    expect(row?.ms_per_step).toBeGreaterThan(0);
    expect(row?.mean_ms).toBeGreaterThanOrEqual(row?.min_ms ?? Infinity);
    expect(row?.compile_ms).toBeGreaterThan(0);
    expect(row?.peak_rss_mb).toBeGreaterThan(0);
    expect(row?.pytorch_ms).toBe(0.37);
    expect((await salience('bench', 'explain')).code).toBe(2);
  });
});
