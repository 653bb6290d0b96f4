import { AppError } from '../errors';
import { checkCardAgainstGraph, checkOutputShape } from './card-check';
import { readGraphSignature } from './graph-signature';
import { probeOutputShape } from './inference';
import { sha256Hex } from './loaded-model';
import type { LoadedModel, ModelSources } from './loaded-model';
import type { ModelCard } from './model-card';

/**
 * Checks a model card against its ONNX file: the sha256, the declared input and output shapes,
 * and, on one probe run on ONNX Runtime, the output shape the model really gives (which also
 * proves that ONNX Runtime loads it). Every op is looked up in the engine's registry to report
 * whether the engine can differentiate the model.
 */
export async function checkModel(bytes: Uint8Array, card: ModelCard, sources: ModelSources): Promise<LoadedModel> {
  const sha256 = sha256Hex(bytes);
  const signature = readGraphSignature(bytes, sources.onnx);
  checkCardAgainstGraph(card, signature, sha256, sources);
  const model: LoadedModel = { card, sha256, bytes, signature, source: sources.onnx };
  const shape = await probeOutputShape(model);
  checkOutputShape(card, signature.output.name, shape, sources.card);
  const expectedBatch = Math.max(1, signature.input.shape[0] ?? 1);
  if (shape[0] !== expectedBatch) {
    throw new AppError(
      'bad-input',
      `${sources.onnx}: for ${expectedBatch} window(s) the model returned [${shape.join(', ')}]: one output row per window is expected`,
    );
  }
  return model;
}
