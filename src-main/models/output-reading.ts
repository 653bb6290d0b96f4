import type { Tensor } from '../engine/ir';
import type { ModelCard } from './model-card';

/** One window's prediction as the record browser shows it. */
export interface WindowVerdict {
  /** Index into the card's `classNames` (binary-risk: 1 when the risk is ≥ 0.5); null for regression. */
  readonly label: number | null;
  /** The probability of `label` (binary-risk: the risk of the positive outcome); null for regression. */
  readonly score: number | null;
}

/** Reads raw model outputs [B, K] as labels and probabilities, following the card's task and output kind. */
export function readVerdicts(card: ModelCard, outputs: Tensor): WindowVerdict[] {
  const [batch = 0, width = 0] = outputs.shape;
  const verdicts: WindowVerdict[] = [];
  for (let b = 0; b < batch; b++) {
    const row = Array.from(outputs.data.subarray(b * width, (b + 1) * width) as Float32Array);
    verdicts.push(verdict(card, row));
  }
  return verdicts;
}

function verdict(card: ModelCard, row: readonly number[]): WindowVerdict {
  if (card.task === 'regression') return { label: null, score: null };
  if (card.task === 'binary-risk') {
    const value = row[0] ?? Number.NaN;
    const risk = card.outputKind === 'logits' ? 1 / (1 + Math.exp(-value)) : value;
    return { label: risk >= 0.5 ? 1 : 0, score: risk };
  }
  const label = row.reduce((best, v, i) => (v > (row[best] ?? -Infinity) ? i : best), 0);
  if (card.outputKind === 'probabilities') return { label, score: row[label] ?? null };
  // Softmax of the winning logit, shifted by the maximum so that exp never overflows.
  const top = row[label] ?? 0;
  const total = row.reduce((sum, v) => sum + Math.exp(v - top), 0);
  return { label, score: 1 / total };
}
