import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '../../../test/support/sample-data';
import { readModel, writeModel } from '../../engine/ir';
import { sha256Hex } from '../loaded-model';
import { writeModelFiles } from '../model-files';
import type { ModelCard } from '../model-card';

/** The PyTorch-exported models of the engine's gradient fixtures (input `x` [B, T, D], output `y` [B, K]). */
export const onnxGradDir = fixturesDir(join('engine', 'onnx-grad'));

export type FixtureName = 'cnn1d_beat' | 'resnet1d_12lead' | 'gru_state' | 'lstm_icu' | 'transformer_ts' | 'mlp_flat';

interface FixtureDescription {
  x_shape: [number, number, number];
  y_shape: [number, number];
}

export function fixtureOnnx(name: FixtureName): Uint8Array {
  return readFileSync(join(onnxGradDir, `${name}.onnx`));
}

/** A card that tells the truth about a fixture (its shapes come from the fixture's description). */
export function fixtureCard(name: FixtureName, bytes: Uint8Array = fixtureOnnx(name)): ModelCard {
  const description = JSON.parse(readFileSync(join(onnxGradDir, `${name}.json`), 'utf8')) as FixtureDescription;
  const [, time, channels] = description.x_shape;
  const [, classes] = description.y_shape;
  return {
    id: name.replaceAll('_', '-'),
    name: `Fixture ${name}`,
    version: '1.0.0',
    task: 'classification',
    classNames: Array.from({ length: classes }, (_, k) => `class-${k}`),
    outputKind: 'logits',
    input: {
      windowLength: time,
      samplingRateHz: 360,
      channels: Array.from({ length: channels }, (_, d) => ({ name: `ch${d}`, units: 'mV' })),
    },
    preprocessing: {
      channelMean: Array.from({ length: channels }, () => 0),
      channelStd: Array.from({ length: channels }, () => 1),
      filter: 'none',
    },
    trainingData: { description: 'three steps on random data (engine gradient fixture)' },
    metrics: { dataset: 'none', samples: 1, values: { accuracy: 0 } },
    sha256: sha256Hex(bytes),
    licence: 'CC0-1.0',
    createdBy: 'Salience Workbench tests',
  };
}

/** Copies a fixture into `dir` with a truthful card, changed by `edit` (to make it lie). */
export function writeFixtureModel(
  dir: string,
  name: FixtureName,
  edit: (card: ModelCard) => ModelCard = (card) => card,
): string {
  return writeModelFiles(dir, name, fixtureOnnx(name), edit(fixtureCard(name)));
}

/**
 * mlp_flat with its Tanh replaced by Sin: ONNX Runtime runs it, the engine has no gradient rule
 * for it, so the model is forward-only.
 */
export function forwardOnlyMlp(): Uint8Array {
  const model = readModel(fixtureOnnx('mlp_flat'));
  const nodes = model.graph.nodes.map((n) => (n.op === 'Tanh' ? { ...n, op: 'Sin', name: '/net/Sin' } : n));
  return writeModel({ ...model, graph: { ...model.graph, nodes } });
}
