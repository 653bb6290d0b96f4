import { describe, expect, it } from 'vitest';
import { fromNumbers } from '../../engine/ir';
import { nestedTensor, readGolden, type Nested3 } from '../testing/golden';
import {
  tintAup,
  tintAuprc,
  tintAur,
  tintEntropy,
  tintInformation,
  tintMae,
  tintMse,
  tintRmse,
  tintRocAuc,
  type TintWhiteBoxOptions,
} from './tint-white-box';

interface WhiteBoxCase {
  attributions: 'A1' | 'A2';
  true: 'M1' | 'M2' | 'S3_soft_truth';
  normalize: boolean;
  [key: string]: unknown;
}
interface WhiteBoxFile {
  A1: Nested3;
  A2_with_ties: Nested3;
  M1: Nested3;
  M2: Nested3;
  S3_soft_truth: Nested3;
  cases: WhiteBoxCase[];
}

const golden = readGolden('whitebox_metrics.json') as WhiteBoxFile;
const maps = {
  A1: golden.A1,
  A2: golden.A2_with_ties,
  M1: golden.M1,
  M2: golden.M2,
  S3_soft_truth: golden.S3_soft_truth,
};

const metrics = {
  aup: tintAup,
  aur: tintAur,
  auprc: tintAuprc,
  roc_auc: tintRocAuc,
  information: tintInformation,
  entropy: tintEntropy,
  mae: tintMae,
  mse: tintMse,
  rmse: tintRmse,
} as const;

// README: a float64 implementation matches to ~1e-9. The float32 values are tint's own float32
// arithmetic, which these functions reproduce step by step, so they are held to float32 rounding.
const FLOAT64_TOLERANCE = 1e-9;
const FLOAT32_RELATIVE_TOLERANCE = 1e-6;

describe('tint white-box metrics against whitebox_metrics.json', () => {
  for (const c of golden.cases) {
    const options: TintWhiteBoxOptions = { normalize: c.normalize };
    const truth = nestedTensor('float64', maps[c.true]);
    for (const [name, metric] of Object.entries(metrics)) {
      const expected64 = c[name];
      if (typeof expected64 !== 'number') continue;
      it(`${name}: ${c.attributions} vs ${c.true}, normalize ${c.normalize}`, () => {
        expect(
          Math.abs(metric(nestedTensor('float64', maps[c.attributions]), truth, options) - expected64),
        ).toBeLessThan(FLOAT64_TOLERANCE);
      });
      const expected32 = c[`${name}_from_float32_attributions`];
      if (typeof expected32 !== 'number') continue;
      it(`${name}: ${c.attributions} vs ${c.true}, normalize ${c.normalize}, float32 attributions`, () => {
        const actual = metric(nestedTensor('float32', maps[c.attributions]), truth, options);
        expect(Math.abs(actual - expected32)).toBeLessThanOrEqual(FLOAT32_RELATIVE_TOLERANCE * Math.abs(expected32));
      });
    }
  }
});

describe('tint white-box metrics by hand', () => {
  // One example, four entries: scores (0.5, 0.5, 1, 0) against truth (1, 0, 1, 0), raw scores.
  const scores = fromNumbers('float64', [1, 4, 1], [0.5, 0.5, 1, 0]);
  const truth = fromNumbers('float64', [1, 4, 1], [1, 0, 1, 0]);
  const raw = { normalize: false };

  it('aup and aur integrate precision and recall over the thresholds 0, 0.5, 1', () => {
    // P = (2/4, 2/3, 1), R = (1, 1, 1/2): trapezoids of width 0.5.
    expect(tintAup(scores, truth, raw)).toBeCloseTo(0.25 * (0.5 + 2 / 3) + 0.25 * (2 / 3 + 1), 12);
    expect(tintAur(scores, truth, raw)).toBeCloseTo(0.25 * 2 + 0.25 * 1.5, 12);
  });

  it('auprc is the step sum and roc_auc counts ties as one half', () => {
    expect(tintAuprc(scores, truth, raw)).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
    // Pairs (positive, negative): (0.5, 0.5) tie, (0.5, 0) win, (1, 0.5) win, (1, 0) win.
    expect(tintRocAuc(scores, truth, raw)).toBeCloseTo(3.5 / 4, 12);
  });

  it('truncates a soft truth toward zero for the hard-label metrics', () => {
    const soft = fromNumbers('float64', [1, 4, 1], [1.5, 0.7, 1, 0.2]);
    expect(tintInformation(scores, soft, raw)).toBeCloseTo(
      Math.abs(Math.log2(0.5 + 1e-5)) + Math.abs(Math.log2(1e-5)),
      12,
    );
  });

  it('rejects maps of different shapes and a truth with one class for roc_auc', () => {
    expect(() => tintAup(scores, fromNumbers('float64', [1, 2, 2], [1, 0, 1, 0]))).toThrow(/truth is \[1, 2, 2\]/);
    expect(() => tintRocAuc(scores, fromNumbers('float64', [1, 4, 1], [1, 1, 1, 1]))).toThrow(
      /both salient and non-salient/,
    );
  });
});
