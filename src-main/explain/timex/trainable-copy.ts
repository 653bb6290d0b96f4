import type { ImportedModel, Node, Tensor, Traced, Tracer } from '../../engine';
import { AppError } from '../../errors';

/**
 * TimeX's f_E (timexpp.md §8): a trainable copy of the black box, started from its weights, that
 * reads the explanation mask through its attention and returns its pooled embedding. From an ONNX
 * graph:
 * - the weights are the float initializers of two or more elements, except a MatMul's left operand
 *   (a constant table the layer multiplies, e.g. the positional encoding): scalars such as 1/√d
 *   or a divisor stay constants;
 * - the attention probabilities are the outputs of Softmax nodes of shape [B, T, T]; the mask
 *   A_m multiplies them after the softmax, without renormalising (§2.3);
 * - the embedding is the left operand of the first fully connected layer on pooled values: the
 *   first MatMul or Gemm whose left operand is [B, d] and whose right operand is an initializer
 *   (TransformerMVTS: the pooled, optionally L2-normalised Σ_t Z_t; a CNN: its global average).
 */

export const COPY_PREFIX = 'fE.';

export interface CopyPlan {
  /** The graph value that is the embedding z [B, d]. */
  readonly embedding: string;
  readonly width: number;
  /** Outputs of the attention Softmax nodes. */
  readonly attention: readonly string[];
  /** Initializers trained in the copy. */
  readonly weights: readonly string[];
}

export function planTrainableCopy(model: ImportedModel, name: string, time: number): CopyPlan {
  const { graph } = model;
  const leftOperands = new Set(graph.nodes.filter((n) => n.op === 'MatMul').map((n) => n.inputs[0]));
  const weights = [...graph.initializers]
    .filter(([key, t]) => t.dtype === 'float32' && t.data.length >= 2 && !leftOperands.has(key))
    .map(([key]) => key);
  const attention = graph.nodes
    .filter((n) => n.op === 'Softmax')
    .map((n) => n.outputs[0] ?? '')
    .filter((out) => {
      const shape = graph.valueTypes.get(out)?.shape ?? [];
      return shape.length === 3 && shape[1] === time && shape[2] === time;
    });
  const head = graph.nodes.find(
    (n) =>
      (n.op === 'MatMul' || n.op === 'Gemm') &&
      graph.initializers.has(n.inputs[1] ?? '') &&
      graph.valueTypes.get(n.inputs[0] ?? '')?.shape.length === 2,
  );
  const embedding = head?.inputs[0];
  const width = embedding ? graph.valueTypes.get(embedding)?.shape[1] : undefined;
  if (!embedding || width === undefined) {
    throw new AppError(
      'invalid-request',
      `timex needs the black box's pooled embedding: ${name} has no fully connected layer on [batch, width] values`,
    );
  }
  return { embedding, width, attention, weights };
}

/** The copy's initial weights (the black box's), by parameter name. */
export function copyWeights(model: ImportedModel, plan: CopyPlan): Map<string, Tensor> {
  return new Map(plan.weights.map((key) => [COPY_PREFIX + key, model.graph.initializers.get(key) as Tensor]));
}

/**
 * z = f_E(x) [B, d] inside `g`, with `value` giving the copy's weights and the attention
 * probabilities multiplied by `attentionMask` [B, T, T] when given.
 */
export function callTrainableCopy(
  g: Tracer,
  model: ImportedModel,
  plan: CopyPlan,
  x: Traced,
  value: (name: string) => Traced,
  attentionMask?: Traced,
): Traced {
  const weights = new Set(plan.weights);
  const attention = new Set(plan.attention);
  const outputs = g.call(model, x, {
    initializer: (key) => (weights.has(key) ? value(COPY_PREFIX + key) : undefined),
    rewrite: (node: Node, traced) =>
      attentionMask && attention.has(node.outputs[0] ?? '')
        ? [(traced[0] as Traced).mul(attentionMask), ...traced.slice(1)]
        : traced,
    expose: [plan.embedding],
  });
  return outputs[plan.embedding] as Traced;
}

/** The frozen black box's logits and embedding inside `g` (weights as constants). */
export function callWithEmbedding(
  g: Tracer,
  model: ImportedModel,
  plan: CopyPlan,
  x: Traced,
): { y: Traced; embedding: Traced } {
  const outputs = g.call(model, x, { expose: [plan.embedding] });
  const y = outputs[model.outputs[0]?.name ?? ''];
  if (!y) throw new AppError('bad-input', 'the model has no output');
  return { y, embedding: outputs[plan.embedding] as Traced };
}
