import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salience as cli } from '../../../test/support/run-cli';
import { explainRecordWindows } from '../../explain';
import { createStripStudy } from '../../models/testing/strip-study';
import { openStudy, verifyAudit } from '../../store';
import { insertFittedExplainer, listStudyFittedExplainers } from '../../store/fitted-explainers';

let dir: string;
let study: string;
let fitted: number;
let stale: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salience-cli-explainers-'));
  ({ study } = await createStripStudy(dir));
  const s = openStudy(study);
  try {
    await explainRecordWindows(s.db, {
      modelId: 'scaled-cnn',
      record: 'strip',
      method: 'timexpp',
      params: { epochs: 1, batchSize: 5 },
      seed: 2,
      fromSample: 0,
      actor: 'tester',
    });
    [fitted = -1] = listStudyFittedExplainers(s.db).map((f) => f.id);
    // A fit of bytes the model no longer has (as after the model was registered again).
    stale = insertFittedExplainer(
      s.db,
      {
        modelId: 'scaled-cnn',
        modelSha256: 'ab'.repeat(32),
        method: 'timexpp',
        params: {},
        seed: 1,
        onnx: new Uint8Array([1]),
        metrics: {},
      },
      'tester',
    );
  } finally {
    s.close();
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = (): number[] => {
  const s = openStudy(study);
  try {
    expect(verifyAudit(s.db).ok).toBe(true);
    return listStudyFittedExplainers(s.db).map((f) => f.id);
  } finally {
    s.close();
  }
};

describe('salience explainers', () => {
  it("lists the study's fits, marking those of other model bytes stale", async () => {
    const table = await cli('explainers', 'list', '--study', study);
    expect(table).toMatchObject({ code: 0, err: '' });
    expect(table.out).toMatch(/^id +model +sha256 +method +seed +windows +steps +onnx +fitted +by +state$/m);
    expect(table.out).toMatch(
      new RegExp(
        `^${fitted} +scaled-cnn +[0-9a-f]{12} +timexpp +2 +10 +2 +\\d+ KiB +20\\S+ \\S+ +tester +current$`,
        'm',
      ),
    );
    expect(table.out).toMatch(
      new RegExp(`^${stale} +scaled-cnn +abababababab +timexpp +1 +- +- +1 KiB +.* stale$`, 'm'),
    );

    const json = JSON.parse(
      (await cli('explainers', 'list', '--study', study, '--model', 'scaled-cnn', '--json')).out,
    ) as {
      explainers: { id: number; stale: boolean; onnx?: unknown }[];
    };
    expect(json.explainers.map((f) => [f.id, f.stale])).toEqual([
      [stale, true],
      [fitted, false],
    ]);
    expect(json.explainers[0]?.onnx).toBeUndefined();
  });

  it('forgets fits by id or by model, all or nothing, audited', async () => {
    expect(await cli('explainers', 'forget', '--study', study)).toMatchObject({ code: 2 });
    expect(await cli('explainers', 'forget', 'x', '--study', study)).toMatchObject({ code: 2 });
    const unknown = await cli('explainers', 'forget', String(stale), '999', '--study', study);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no fitted explainer 999 in');
    expect(ids()).toEqual([stale, fitted]);

    expect(await cli('explainers', 'forget', String(stale), '--study', study)).toMatchObject({
      code: 0,
      out: `forgot fitted explainer ${stale}\n`,
    });
    expect(ids()).toEqual([fitted]);
    expect(
      JSON.parse((await cli('explainers', 'forget', '--model', 'scaled-cnn', '--study', study, '--json')).out),
    ).toEqual({
      forgotten: [fitted],
    });
    expect(ids()).toEqual([]);
    expect((await cli('explainers', 'list', '--study', study)).out).toContain('no fitted explainers');
  });
});
