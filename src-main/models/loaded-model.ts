import { createHash } from 'node:crypto';
import type { GraphSignature } from './graph-signature';
import type { ModelCard } from './model-card';

/** A model whose card has been checked against its ONNX graph: what inference and the registry work with. */
export interface LoadedModel {
  readonly card: ModelCard;
  readonly sha256: string;
  readonly bytes: Uint8Array;
  readonly signature: GraphSignature;
  /** Where it came from, for messages: a file path or "model ID in the study". */
  readonly source: string;
}

/** Where a model's two halves were read from, for messages that name the file at fault. */
export interface ModelSources {
  readonly onnx: string;
  readonly card: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
