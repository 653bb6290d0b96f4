import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { blackBoxOf, type BlackBox } from '../explain/black-box';
import { hasModelCard, loadModelReference } from '../models';
import type { Study } from '../store';

/**
 * The model a gradient or explain command names. Those need only the graph: a bare .onnx will do
 * (read as a classifier giving logits), as will one beside JSON that is not a card; with its card beside it, or registered in the study, the
 * card says how to read the output.
 */
export async function blackBoxReference(reference: string, study: Study | undefined): Promise<BlackBox> {
  if (existsSync(reference) && /\.onnx$/i.test(reference) && !hasModelCard(reference)) {
    return { name: basename(reference), onnx: readFileSync(reference), output: 'logits' };
  }
  const model = await loadModelReference(reference, study?.db);
  return { ...blackBoxOf(model), name: model.card.id };
}
