import { AppError } from '../../errors';
import { thresholdCounts, trapezoid } from './precision-recall';

/**
 * sklearn `roc_auc_score` for binary labels: the trapezoid area under (FPR, TPR) over the
 * distinct thresholds, from (0, 0). Equals P(s₊ > s₋) + ½ P(s₊ = s₋) over positive/negative pairs.
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<number>, field: string): number {
  const { truePositives, predicted, positives } = thresholdCounts(scores, positive);
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new AppError(
      'bad-input',
      `${field}: ROC AUC needs both salient and non-salient entries, got ${positives} salient of ${scores.length}`,
    );
  }
  const fpr = [0];
  const tpr = [0];
  truePositives.forEach((tp, j) => {
    fpr.push(((predicted[j] ?? 0) - tp) / negatives);
    tpr.push(tp / positives);
  });
  return trapezoid(fpr, tpr);
}
