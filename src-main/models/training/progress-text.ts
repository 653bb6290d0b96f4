import type { TrainingProgress } from './trainer';

/** One line per epoch for a terminal: "epoch 3/30  loss 0.3117  validation 0.2796 (best: epoch 3)  ETA 0:42". */
export function describeTrainingProgress(p: TrainingProgress): string {
  const eta = Math.round(p.etaSec);
  const clock = `${Math.floor(eta / 60)}:${String(eta % 60).padStart(2, '0')}`;
  return `epoch ${p.epoch}/${p.epochs}  loss ${p.trainLoss.toFixed(4)}  validation ${p.validationLoss.toFixed(4)} (best: epoch ${p.bestEpoch})  ETA ${clock}`;
}
