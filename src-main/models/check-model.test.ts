import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModel, writeModel } from '../engine/ir';
import { checkModel } from './check-model';
import { sha256Hex } from './loaded-model';
import type { ModelCard } from './model-card';
import { hasModelCard, readModelFiles, writeModelFiles } from './model-files';
import { fixtureCard, fixtureOnnx, forwardOnlyMlp, writeFixtureModel } from './testing/fixture-models';
import type { FixtureName } from './testing/fixture-models';

const dir = mkdtempSync(join(tmpdir(), 'salience-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sources = { onnx: 'model.onnx', card: 'model.json' };

const fixtures: readonly [FixtureName, number, number, number][] = [
  ['cnn1d_beat', 360, 1, 5],
  ['resnet1d_12lead', 500, 12, 4],
  ['gru_state', 100, 3, 2],
  ['lstm_icu', 48, 31, 2],
  ['transformer_ts', 50, 1, 4],
  ['mlp_flat', 40, 3, 3],
];

/** mlp_flat whose output declares no class count: only a run shows how many columns it has. */
function symbolicOutputMlp(): Uint8Array {
  const model = readModel(fixtureOnnx('mlp_flat'));
  const [output] = model.graph.outputs;
  if (!output) throw new Error('mlp_flat has no output');
  const outputs = [{ ...output, shape: [-1, -1], dimNames: ['batch', 'classes'] }];
  return writeModel({ ...model, graph: { ...model.graph, outputs } });
}

async function refusal(bytes: Uint8Array, card: ModelCard): Promise<string> {
  const error = await checkModel(bytes, card, sources).then(
    () => new Error('the card was accepted'),
    (e: unknown) => e as Error,
  );
  return error.message;
}

describe('checking a card against its ONNX graph', () => {
  it.each(fixtures)('accepts a truthful card for %s and reads [B, %i, %i] → [B, %i]', async (name, t, d, k) => {
    const model = await checkModel(fixtureOnnx(name), fixtureCard(name), sources);
    const { input, output, differentiability } = model.signature;
    expect(input.shape).toEqual([-1, t, d]);
    expect(input.dimNames?.[0]).toBe('batch');
    expect(output.shape).toEqual([-1, k]);
    expect(differentiability).toEqual({ differentiable: true, forwardOnlyNodes: [] });
    expect(model.sha256).toBe(sha256Hex(fixtureOnnx(name)));
  });

  it('reports the nodes the engine has no gradient rule for: such a model is forward-only', async () => {
    const bytes = forwardOnlyMlp();
    const card = { ...fixtureCard('mlp_flat'), sha256: sha256Hex(bytes) };
    const model = await checkModel(bytes, card, sources);
    expect(model.signature.ops).toContain('Sin');
    expect(model.signature.differentiability).toEqual({
      differentiable: false,
      forwardOnlyNodes: [{ op: 'Sin', node: '/net/Sin' }],
    });
  });

  const cnn = fixtureCard('cnn1d_beat');
  it.each([
    ['sha256', { sha256: '0'.repeat(64) }, /field 'sha256' is 0{64} but the ONNX file's sha256 is [0-9a-f]{64}/],
    [
      'input.windowLength',
      { input: { ...cnn.input, windowLength: 250 } },
      /field 'input\.windowLength' is 250 but the ONNX input 'x' is \[batch, 360, 1\] \(T = 360\)/,
    ],
    [
      'input.channels',
      {
        input: { ...cnn.input, channels: [...cnn.input.channels, { name: 'V5', units: 'mV' }] },
        preprocessing: { ...cnn.preprocessing, channelMean: [0, 0], channelStd: [1, 1] },
      },
      /field 'input\.channels' lists 2 channels but the ONNX input 'x' is \[batch, 360, 1\] \(D = 1\)/,
    ],
    [
      'classNames',
      { classNames: ['N', 'S', 'V'] },
      /field 'classNames' has 3 names but the ONNX output 'y' is \[batch, 5\] \(K = 5\)/,
    ],
    [
      'task',
      { task: 'binary-risk', classNames: ['survived', 'died'] },
      /field 'task' is binary-risk \(one risk column\) but the ONNX output 'y' is \[batch, 5\]/,
    ],
    [
      'perTimeStep',
      { perTimeStep: true },
      /field 'perTimeStep' is true \(output \[B, T, K\] with T = 360\) but the ONNX output 'y' is \[batch, 5\]/,
    ],
  ] as const)('refuses a card whose %s disagrees with the graph', async (_, change, message) => {
    const text = await refusal(fixtureOnnx('cnn1d_beat'), { ...cnn, ...change } as ModelCard);
    expect(text).toMatch(/^model card model\.json: /);
    expect(text).toMatch(message);
  });

  it('checks a class count the graph leaves symbolic on a probe run', async () => {
    const bytes = symbolicOutputMlp();
    const card = { ...fixtureCard('mlp_flat'), sha256: sha256Hex(bytes) };
    await expect(checkModel(bytes, card, sources)).resolves.toMatchObject({ sha256: card.sha256 });
    const text = await refusal(bytes, { ...card, classNames: ['a', 'b'] });
    expect(text).toMatch(/model card model\.json: field 'classNames' has 2 names but the ONNX output 'y' is \[1, 3\]/);
  });

  it('refuses a file that is not an ONNX model, naming it', async () => {
    const bytes = new TextEncoder().encode('not a model');
    const text = await refusal(bytes, { ...cnn, sha256: sha256Hex(bytes) });
    expect(text).toMatch(/^model\.onnx: this file is not an ONNX model/);
  });
});

describe('model files', () => {
  it('reads an .onnx file with the card beside it', async () => {
    const path = writeFixtureModel(dir, 'gru_state');
    const model = await readModelFiles(path);
    expect(model.card).toEqual(fixtureCard('gru_state'));
    expect(model.source).toBe(path);
  });

  it('names the card file that disagrees', async () => {
    const path = writeFixtureModel(dir, 'lstm_icu', (card) => ({ ...card, classNames: ['a', 'b', 'c'] }));
    await expect(readModelFiles(path)).rejects.toThrow(
      `model card ${join(dir, 'lstm_icu.json')}: field 'classNames' has 3 names`,
    );
  });

  it('asks for the card when it is missing', async () => {
    const path = writeModelFiles(dir, 'lonely', fixtureOnnx('mlp_flat'), fixtureCard('mlp_flat'));
    unlinkSync(join(dir, 'lonely.json'));
    await expect(readModelFiles(path)).rejects.toThrow(
      `${path}: no model card beside it (expected ${join(dir, 'lonely.json')})`,
    );
  });

  it('tells a card beside the graph from other JSON an exporter left there', () => {
    const path = writeModelFiles(dir, 'exported', fixtureOnnx('mlp_flat'), fixtureCard('mlp_flat'));
    expect(hasModelCard(path)).toBe(true);
    writeFileSync(join(dir, 'exported.json'), JSON.stringify({ name: 'mlp_flat', opset: 17, x_shape: [4, 40, 3] }));
    expect(hasModelCard(path)).toBe(false);
    writeFileSync(join(dir, 'exported.json'), JSON.stringify({ id: 'mlp_flat' }));
    expect(hasModelCard(path)).toBe(true);
    writeFileSync(join(dir, 'exported.json'), '{ not json');
    expect(hasModelCard(path)).toBe(true);
    unlinkSync(join(dir, 'exported.json'));
    expect(hasModelCard(path)).toBe(false);
  });
});
