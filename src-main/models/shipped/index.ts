import { writeModelFiles } from '../model-files';
import { trainModel } from '../training';
import type { TrainingProgress } from '../training';
import { ecgBeatCnn } from './ecg-beat-cnn';
import { icuMortalityGru } from './icu-mortality-gru';
import type { ShippedModel } from './shipped-model';

export type { ShippedModel } from './shipped-model';

/** The models in `models/` (the benchmark black boxes are still to come). */
export const shippedModels: readonly ShippedModel[] = [ecgBeatCnn, icuMortalityGru];

export interface RebuiltModel {
  readonly id: string;
  readonly path: string;
  readonly metrics: Readonly<Record<string, number>>;
}

/** Retrains every shipped model from its seed and writes `ID.onnx` and `ID.json` into `outDir`. */
export async function trainShippedModels(
  outDir: string,
  onProgress?: (id: string, progress: TrainingProgress) => void,
): Promise<RebuiltModel[]> {
  const rebuilt: RebuiltModel[] = [];
  for (const shipped of shippedModels) {
    const spec = await shipped.spec();
    const { onnx, card } = await trainModel({
      ...spec,
      options: { ...spec.options, onProgress: (p) => onProgress?.(shipped.id, p) },
    });
    const path = writeModelFiles(outDir, shipped.id, onnx, card);
    rebuilt.push({ id: shipped.id, path, metrics: card.metrics.values });
  }
  return rebuilt;
}
