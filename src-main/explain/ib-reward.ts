import { AppError } from '../errors';
import { argmax } from './black-box';
import type { BlackBox } from './black-box';
import type { IbSettings } from './ib-params';

/**
 * The reward of the gradient-free IB explainer (ib-gradient-free.md §2.3–2.4), computed from the
 * black box's outputs only: the perturbed output distribution p̃ against the clean one q, and the
 * leave-one-out (RLOO) advantages over the K masks of each input.
 */

const EPS = 1e-12;
const LOG_PROB_FLOOR = Math.log(1e-4);

/** Class probabilities [rows, C] from the model's outputs (softmax of logits, or as given). */
export function outputProbabilities(box: BlackBox, outputs: Float32Array, rows: number): Float64Array {
  if (box.output === 'values') {
    throw new AppError(
      'invalid-request',
      `ib-gradient-free explains classifiers (its reward compares class distributions); ${box.name} is a regressor`,
    );
  }
  const classes = outputs.length / rows;
  const out = new Float64Array(outputs.length);
  for (let n = 0; n < rows; n++) {
    const row = outputs.subarray(n * classes, (n + 1) * classes);
    if (box.output === 'probabilities') {
      out.set(row, n * classes);
      continue;
    }
    const top = Math.max(...row);
    let sum = 0;
    row.forEach((v, c) => (sum += out[n * classes + c] = Math.exp(v - top)));
    for (let c = 0; c < classes; c++) out[n * classes + c] = (out[n * classes + c] ?? 0) / sum;
  }
  return out;
}

/** R(p̃, q) for one perturbed row `p` against its clean row `q` (both C probabilities). */
export function reward(kind: IbSettings['reward'], p: Float64Array, q: Float64Array): number {
  switch (kind) {
    case 'jsd': {
      let kl = 0;
      p.forEach((pc, c) => {
        const qc = q[c] ?? 0;
        const m = (pc + qc) / 2;
        kl += 0.5 * pc * (Math.log(pc + EPS) - Math.log(m + EPS)) + 0.5 * qc * (Math.log(qc + EPS) - Math.log(m + EPS));
      });
      return -kl;
    }
    case 'log-prob':
      return Math.max(Math.log(p[argmax(q, 0, q.length)] ?? 0), LOG_PROB_FLOOR);
    case 'cosine': {
      let dot = 0;
      let pp = 0;
      let qq = 0;
      p.forEach((pc, c) => {
        const qc = q[c] ?? 0;
        dot += pc * qc;
        pp += pc * pc;
        qq += qc * qc;
      });
      return dot / Math.sqrt(pp * qq + EPS);
    }
    case 'label':
      return argmax(p, 0, p.length) === argmax(q, 0, q.length) ? 1 : 0;
  }
}

/**
 * RLOO advantages for rewards [B, K]: A = R − mean of the other K − 1 rewards of the same input,
 * divided by (std over all B·K, unbiased) + 1e-6 so that the step size holds as rewards near 0.
 */
export function rlooAdvantages(rewards: Float64Array, masks: number): Float32Array {
  const advantages = new Float64Array(rewards.length);
  for (let i = 0; i < rewards.length; i += masks) {
    let sum = 0;
    for (let k = 0; k < masks; k++) sum += rewards[i + k] ?? 0;
    for (let k = 0; k < masks; k++) {
      const r = rewards[i + k] ?? 0;
      advantages[i + k] = r - (sum - r) / (masks - 1);
    }
  }
  const mean = advantages.reduce((a, b) => a + b, 0) / advantages.length;
  const variance = advantages.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, advantages.length - 1);
  const scale = 1 / (Math.sqrt(variance) + 1e-6);
  return Float32Array.from(advantages, (a) => a * scale);
}
