import { describe, expect, it } from 'vitest';
import { fromNumbers } from '../../engine/ir';
import {
  contralspRareAup,
  contralspRareAur,
  contralspRareEntropy,
  contralspRareInformation,
  contralspRareTrapezoidAuprc,
} from './contralsp-rare';
import { tintInformation } from './tint-white-box';

// One example, four entries: scores (0.5, 0.5, 1, 0) against truth (1, 0, 1, 0). sklearn's curve in
// ascending thresholds (0, 0.5, 1): precision (1/2, 2/3, 1, 1), recall (1, 1, 1/2, 0).
const scores = fromNumbers('float64', [1, 4, 1], [0.5, 0.5, 1, 0]);
const truth = fromNumbers('float64', [1, 4, 1], [1, 0, 1, 0]);

describe('ContraLSP Table 1 (Rare) metrics', () => {
  it('pairs the thresholds with the curve shifted by one', () => {
    expect(contralspRareAup(scores, truth)).toBeCloseTo(0.25 * (2 / 3 + 1) + 0.25 * (1 + 1), 12);
    expect(contralspRareAur(scores, truth)).toBeCloseTo(0.25 * (1 + 0.5) + 0.25 * (0.5 + 0), 12);
  });

  it('integrates over the raw scores, so doubling them doubles AUP', () => {
    const doubled = fromNumbers('float64', [1, 4, 1], [1, 1, 2, 0]);
    expect(contralspRareAup(doubled, truth)).toBeCloseTo(2 * contralspRareAup(scores, truth), 12);
  });

  it('prints the trapezoid area under (recall, precision) as its AUPRC', () => {
    // Points (1, 1/2), (1, 2/3), (1/2, 1), (0, 1).
    expect(contralspRareTrapezoidAuprc(scores, truth)).toBeCloseTo((0.5 * (2 / 3 + 1)) / 2 + 0.5, 12);
  });

  it('normalises without ε for information and entropy, so a′ reaches 1 (and a constant map is NaN)', () => {
    const salient = [0.5, 1];
    const information = salient.reduce((sum, a) => sum + Math.abs(Math.log2(1 - a + 1e-5)), 0);
    expect(contralspRareInformation(scores, truth)).toBeCloseTo(information, 12);
    expect(contralspRareInformation(scores, truth)).toBeGreaterThan(tintInformation(scores, truth) + 0.5);
    const entropy = salient.reduce(
      (sum, a) => sum + a * Math.abs(Math.log2(1e-5 + a)) + (1 - a) * Math.abs(Math.log2(1e-5 + 1 - a)),
      0,
    );
    expect(contralspRareEntropy(scores, truth)).toBeCloseTo(entropy, 12);
    expect(contralspRareEntropy(fromNumbers('float64', [1, 4, 1], [3, 3, 3, 3]), truth)).toBeNaN();
  });
});
