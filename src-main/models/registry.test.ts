import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStudy, verifyAudit } from '../store';
import type { Study } from '../store';
import { checkModel } from './check-model';
import { releaseModelSessions } from './inference';
import { sha256Hex } from './loaded-model';
import type { LoadedModel } from './loaded-model';
import { findModel, listModels, loadRegisteredModel, registerModel, removeModel } from './registry';
import { fixtureCard, fixtureOnnx, forwardOnlyMlp } from './testing/fixture-models';

let dir: string;
let study: Study;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-registry-'));
  study = openStudy(join(dir, 'study.sqlite'), { create: true });
});
afterEach(() => {
  study.close();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => releaseModelSessions());

const cnn = (): Promise<LoadedModel> =>
  checkModel(fixtureOnnx('cnn1d_beat'), fixtureCard('cnn1d_beat'), { onnx: 'cnn.onnx', card: 'cnn.json' });

function auditActions(): string[] {
  return study.db
    .prepare("SELECT action || ' ' || entity || ' ' || entity_id FROM audit_log ORDER BY id")
    .pluck()
    .all() as string[];
}

describe('the model registry', () => {
  it('stores a checked model in the study with its card, bytes and differentiability, and audits it', async () => {
    const registered = registerModel(study.db, await cnn(), { actor: 'tester' });
    expect(registered).toMatchObject({
      id: 'cnn1d-beat',
      sha256: sha256Hex(fixtureOnnx('cnn1d_beat')),
      storage: 'embedded',
      onnxPath: null,
      registeredBy: 'tester',
      differentiability: { differentiable: true, forwardOnlyNodes: [] },
    });
    expect(registered.card).toEqual(fixtureCard('cnn1d_beat'));
    const loaded = loadRegisteredModel(study.db, 'cnn1d-beat');
    expect(Buffer.from(loaded.bytes).equals(Buffer.from(fixtureOnnx('cnn1d_beat')))).toBe(true);
    expect(loaded.signature.input.shape).toEqual([-1, 360, 1]);
    expect(auditActions()).toEqual(['register model cnn1d-beat']);
    expect(verifyAudit(study.db)).toEqual({ ok: true, rows: 1 });
  });

  it('keeps a forward-only model with the nodes that stop gradients', async () => {
    const bytes = forwardOnlyMlp();
    const model = await checkModel(
      bytes,
      { ...fixtureCard('mlp_flat'), sha256: sha256Hex(bytes) },
      {
        onnx: 'sin.onnx',
        card: 'sin.json',
      },
    );
    registerModel(study.db, model, { actor: 'tester' });
    expect(findModel(study.db, 'mlp-flat').differentiability).toEqual({
      differentiable: false,
      forwardOnlyNodes: [{ op: 'Sin', node: '/net/Sin' }],
    });
  });

  it('refuses a second model with the same id and leaves the study unchanged', async () => {
    registerModel(study.db, await cnn(), { actor: 'tester' });
    const again = await cnn();
    expect(() => registerModel(study.db, again, { actor: 'tester' })).toThrow(
      /cnn\.onnx: a model with id 'cnn1d-beat' is already registered/,
    );
    expect(listModels(study.db)).toHaveLength(1);
    expect(auditActions()).toHaveLength(1);
  });

  it('refers to a large model by path and notices when the file changes', async () => {
    const path = join(dir, 'cnn.onnx');
    writeFileSync(path, fixtureOnnx('cnn1d_beat'));
    registerModel(study.db, await cnn(), { actor: 'tester', storage: 'referenced', onnxPath: path });
    expect(findModel(study.db, 'cnn1d-beat')).toMatchObject({ storage: 'referenced', onnxPath: path });
    expect(loadRegisteredModel(study.db, 'cnn1d-beat').sha256).toBe(sha256Hex(fixtureOnnx('cnn1d_beat')));
    writeFileSync(path, fixtureOnnx('mlp_flat'));
    expect(() => loadRegisteredModel(study.db, 'cnn1d-beat')).toThrow(
      `model 'cnn1d-beat': its ONNX file ${path} has changed since it was registered`,
    );
  });

  it('removes a model with an audit row, and names the registered ones when an id is unknown', async () => {
    registerModel(study.db, await cnn(), { actor: 'tester' });
    expect(() => findModel(study.db, 'ecg-beat')).toThrow("no model 'ecg-beat' in this study (registered: cnn1d-beat)");
    removeModel(study.db, 'cnn1d-beat', 'tester');
    expect(listModels(study.db)).toEqual([]);
    expect(auditActions()).toEqual(['register model cnn1d-beat', 'remove model cnn1d-beat']);
    expect(() => removeModel(study.db, 'cnn1d-beat', 'tester')).toThrow(/none is registered/);
    expect(verifyAudit(study.db)).toEqual({ ok: true, rows: 2 });
  });
});
