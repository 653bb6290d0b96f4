import type { ModelTask } from '../model-card';

/**
 * Held-out metrics of raw outputs [N, K] against targets (as in `LabelledWindows`):
 * classification: accuracy and macro-averaged F1; binary-risk: AUROC and accuracy at a risk of 0.5;
 * regression: mean squared and mean absolute error over all outputs.
 */
export function measureOutputs(
  task: ModelTask,
  outputs: Float32Array,
  targets: Float32Array,
  count: number,
): Record<string, number> {
  if (task === 'classification') return classificationMetrics(outputs, targets, count);
  if (task === 'binary-risk') return binaryRiskMetrics(outputs, targets, count);
  let squared = 0;
  let absolute = 0;
  outputs.forEach((v, i) => {
    const error = v - (targets[i] ?? Number.NaN);
    squared += error * error;
    absolute += Math.abs(error);
  });
  return { mse: squared / outputs.length, mae: absolute / outputs.length };
}

function classificationMetrics(outputs: Float32Array, targets: Float32Array, count: number): Record<string, number> {
  const classes = outputs.length / count;
  const truePositives = new Array<number>(classes).fill(0);
  const predicted = new Array<number>(classes).fill(0);
  const actual = new Array<number>(classes).fill(0);
  for (let n = 0; n < count; n++) {
    const row = outputs.subarray(n * classes, (n + 1) * classes);
    const guess = row.reduce((best, v, k) => (v > (row[best] ?? -Infinity) ? k : best), 0);
    const truth = targets[n] ?? -1;
    predicted[guess] = (predicted[guess] ?? 0) + 1;
    actual[truth] = (actual[truth] ?? 0) + 1;
    if (guess === truth) truePositives[guess] = (truePositives[guess] ?? 0) + 1;
  }
  const correct = truePositives.reduce((a, b) => a + b, 0);
  // Classes absent from both the truth and the predictions have no F1; they are left out of the mean.
  const f1 = truePositives.flatMap((tp, k) => {
    const denominator = (predicted[k] ?? 0) + (actual[k] ?? 0);
    return denominator === 0 ? [] : [(2 * tp) / denominator];
  });
  return { accuracy: correct / count, macroF1: f1.reduce((a, b) => a + b, 0) / f1.length };
}

function binaryRiskMetrics(outputs: Float32Array, targets: Float32Array, count: number): Record<string, number> {
  let correct = 0;
  for (let n = 0; n < count; n++) {
    if ((outputs[n] ?? 0) >= 0 === (targets[n] === 1)) correct += 1;
  }
  return { auroc: auroc(outputs, targets, count), accuracy: correct / count };
}

/** Area under the ROC curve by ranks (Mann–Whitney U), ties counted as half; a logit ranks as its risk does. */
function auroc(scores: Float32Array, targets: Float32Array, count: number): number {
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < count;) {
    let j = i;
    while (j + 1 < count && scores[order[j + 1] ?? 0] === scores[order[i] ?? 0]) j += 1;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (targets[order[k] ?? 0] === 1) {
        positives += 1;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = count - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
