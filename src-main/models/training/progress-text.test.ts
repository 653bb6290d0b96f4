import { describe, expect, it } from 'vitest';
import { describeTrainingProgress } from './progress-text';

describe('training progress text', () => {
  it('shows the epoch, both losses, the best epoch and the time left', () => {
    const line = describeTrainingProgress({
      epoch: 3,
      epochs: 30,
      trainLoss: 0.31171,
      validationLoss: 0.27962,
      bestEpoch: 3,
      elapsedSec: 4.7,
      etaSec: 62.4,
    });
    expect(line).toBe('epoch 3/30  loss 0.3117  validation 0.2796 (best: epoch 3)  ETA 1:02');
  });
});
