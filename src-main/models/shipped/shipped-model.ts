import type { LabelledWindows } from '../training/labelled-windows';
import type { ModelTrainingSpec } from '../training/train-model';

/** A model that ships in `models/`, with the seeded training run that rebuilds it. */
export interface ShippedModel {
  readonly id: string;
  /** The training run: on the CPU it gives the same ONNX file every time. */
  spec(): Promise<ModelTrainingSpec>;
  /** The held-out windows (physical units) its card's metrics were measured on. */
  heldOut(): Promise<LabelledWindows>;
}
