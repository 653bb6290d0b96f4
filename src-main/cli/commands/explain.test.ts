import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salience as cli } from '../../../test/support/run-cli';
import { readNpy, releaseSessions as releaseEngineSessions, tensor, writeNpy } from '../../engine';
import { flat, golden, goldenJson, type Nested } from '../../explain/testing/golden';
import { maxAbsDifference } from '../../models/testing/strip-study';

let dir: string;
const goldenModelPath = (name: string): string =>
  join(import.meta.dirname, '../../../test/fixtures/golden/models', `${name}.onnx`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-cli-explain-'));
  writeFileSync(join(dir, 'x.npy'), writeNpy(golden.x));
  writeFileSync(
    join(dir, 'targets.npy'),
    writeNpy(
      tensor(
        'int64',
        [3],
        BigInt64Array.from(golden.targets, (t) => BigInt(t)),
      ),
    ),
  );
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await releaseEngineSessions();
});

describe('salience explain', () => {
  it("writes Captum's integrated gradients for an array and a bare .onnx (golden values)", async () => {
    const out = join(dir, 'ig.npy');
    const args = ['--model', goldenModelPath('conv1d_clf'), '--input', join(dir, 'x.npy')];
    const result = await cli(
      'explain',
      ...args,
      '--method',
      'integrated-gradients',
      '--target',
      join(dir, 'targets.npy'),
      '--out',
      out,
      '--json',
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    const reply = JSON.parse(result.out) as { shape: number[]; scale: string; info: { params: unknown } };
    expect(reply).toMatchObject({ shape: [3, 5, 3], scale: 'signed' });
    expect(reply.info.params).toMatchObject({ nSteps: 50, method: 'gausslegendre', baseline: 'zero' });
    const expected =
      goldenJson<Record<string, { attr: Nested }>>('attributions_conv1d_clf.json')[
        'ig.gausslegendre.n50.zero_baseline'
      ];
    expect(maxAbsDifference(readNpy(readFileSync(out)).data as Float32Array, flat(expected?.attr ?? []))).toBeLessThan(
      1e-5,
    );
  });

  it('names an unknown method and a malformed --params', async () => {
    const unknown = await cli(
      'explain',
      '--input',
      'x.npy',
      '--out',
      'y.npy',
      '--model',
      'm.onnx',
      '--method',
      'magic',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/unknown method 'magic'; expected one of: .*integrated-gradients/);
    const json = await cli(
      ...['explain', '--input', 'x.npy', '--out', 'y.npy', '--model', 'm.onnx', '--method', 'gradient'],
      ...['--params', '{nope'],
    );
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/--params: expected a JSON object/);
  });
});
