import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { salience as cli } from '../../../test/support/run-cli';
import { releaseModelSessions } from '../../models';
import { writeFixtureModel } from '../../models/testing/fixture-models';
import { openStudy } from '../../store';
import type { Command } from '../command';

// The command table is wired by the CLI's owner; these tests run the command through the real CLI edge.
vi.mock('./index', async (importOriginal) => {
  const original = await importOriginal<{ commands: readonly Command[] }>();
  const { modelsCommand } = await import('./models');
  return { commands: [...original.commands, modelsCommand] };
});

let dir: string;
let study: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-cli-models-'));
  study = join(dir, 'study.sqlite');
  openStudy(study, { create: true }).close();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await releaseModelSessions();
});

describe('salience models', () => {
  it('registers a model whose card agrees with its graph, and lists it', async () => {
    const path = writeFixtureModel(dir, 'gru_state');
    const registered = await cli('models', 'register', path, '--study', study);
    expect(registered).toMatchObject({ code: 0, err: '' });
    expect(registered.out).toContain(
      `registered gru-state (Fixture gru_state 1.0.0, classification: class-0, class-1) in ${study}`,
    );
    expect(registered.out).toContain('gradients: every op has a gradient rule');

    const table = await cli('models', 'list', '--study', study);
    expect(table.out).toMatch(/^id +name +version +task +classes +window +gradients +storage +registered$/m);
    expect(table.out).toMatch(
      /^gru-state +Fixture gru_state +1\.0\.0 +classification +class-0,class-1 +100×3 at 360 Hz +yes +embedded /m,
    );

    const json = await cli('models', 'list', '--study', study, '--json');
    const parsed = JSON.parse(json.out) as { models: { id: string; sha256: string; differentiability: unknown }[] };
    expect(parsed.models.map((m) => m.id)).toEqual(['gru-state']);
  });

  it('refuses a card that disagrees with its graph, naming the field, and leaves the study as it was', async () => {
    const path = writeFixtureModel(dir, 'lstm_icu', (card) => ({
      ...card,
      input: { ...card.input, windowLength: 24 },
    }));
    const { code, err } = await cli('models', 'register', path, '--study', study);
    expect(code).toBe(1);
    expect(err).toBe(
      `salience: model card ${join(dir, 'lstm_icu.json')}: field 'input.windowLength' is 24 but the ONNX input 'x' is [batch, 48, 31] (T = 48)\n`,
    );
    const list = JSON.parse((await cli('models', 'list', '--study', study, '--json')).out) as { models: unknown[] };
    expect(list.models).toHaveLength(1);
  });

  it('removes a model, and explains its usage', async () => {
    expect(await cli('models', 'remove', 'gru-state', '--study', study)).toMatchObject({
      code: 0,
      out: 'removed model gru-state\n',
    });
    expect((await cli('models', 'list', '--study', study)).out).toContain('no models');
    const usage = await cli('models', 'delete', 'x', '--study', study);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("expected 'list', 'register PATH.onnx' or 'remove ID'");
  });
});
