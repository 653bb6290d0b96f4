import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, errorMessage } from '../errors';
import { checkModel } from './check-model';
import type { LoadedModel } from './loaded-model';
import { formatModelCard, parseModelCardJson } from './model-card';
import type { ModelCard } from './model-card';

/** A model's card lives beside its ONNX file: `NAME.onnx` is described by `NAME.json`. */
export function cardPathFor(onnxPath: string): string {
  if (!/\.onnx$/i.test(onnxPath)) {
    throw new AppError(
      'invalid-request',
      `${onnxPath}: expected the path of an .onnx file (its card NAME.json beside it)`,
    );
  }
  return onnxPath.replace(/\.onnx$/i, '.json');
}

/**
 * Whether `NAME.json` beside the ONNX file is a model card. Exporters often leave other JSON there
 * (PyTorch reference metadata, say); a JSON object with neither a card's `id` nor its `task` is
 * not one, while anything claiming to be a card is parsed, so that a broken card is still reported.
 */
export function hasModelCard(onnxPath: string): boolean {
  const cardPath = cardPathFor(onnxPath);
  if (!existsSync(cardPath)) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(cardPath, 'utf8'));
  } catch {
    return true;
  }
  return typeof parsed !== 'object' || parsed === null || 'id' in parsed || 'task' in parsed;
}

/** Reads an ONNX file and the card beside it, and checks that they agree. */
export async function readModelFiles(onnxPath: string): Promise<LoadedModel> {
  const cardPath = cardPathFor(onnxPath);
  const bytes = readFile(onnxPath, 'model');
  if (!existsSync(cardPath)) {
    throw new AppError('not-found', `${onnxPath}: no model card beside it (expected ${cardPath})`);
  }
  const card = parseModelCardJson(readFile(cardPath, 'model card').toString('utf8'), cardPath);
  return checkModel(bytes, card, { onnx: onnxPath, card: cardPath });
}

/** Writes `NAME.onnx` and its card `NAME.json` into `dir`; returns the .onnx path. */
export function writeModelFiles(dir: string, name: string, onnx: Uint8Array, card: ModelCard): string {
  const onnxPath = join(dir, `${name}.onnx`);
  writeFileSync(onnxPath, onnx);
  writeFileSync(cardPathFor(onnxPath), formatModelCard(card));
  return onnxPath;
}

function readFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(
      missing ? 'not-found' : 'bad-input',
      `${path}: cannot read the ${what} (${errorMessage(error)})`,
      {
        cause: error,
      },
    );
  }
}
