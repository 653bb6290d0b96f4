import { describe, expect, it } from 'vitest';
import { predictionText, targetChoices, targetName } from './explain-target';
import { beatModel } from './test-maps';

/** The shipped ICU model's task and outcomes: one logit, the risk of dying. */
const riskModel = { task: 'binary-risk', classNames: ['survived', 'died'] };

describe('explain targets', () => {
  it("offer a classifier's predicted class or any class, and a binary-risk model only its one output", () => {
    expect(targetChoices(beatModel)).toEqual([
      { value: 'predicted', label: 'Predicted class' },
      { value: '0', label: 'N' },
      { value: '1', label: 'S' },
      { value: '2', label: 'V' },
    ]);
    expect(targetChoices(riskModel)).toEqual([{ value: 'predicted', label: 'Risk of died' }]);
    expect(targetChoices(null)).toEqual([{ value: 'predicted', label: 'Predicted class' }]);
  });

  it('name a stored target: a class, or the risk whatever index the risk output has', () => {
    expect(targetName(beatModel, 2)).toBe('V');
    expect(targetName(beatModel, 7)).toBe('7');
    expect(targetName(riskModel, 0)).toBe('risk of died');
    expect(targetName(riskModel, null)).toBe('—');
  });
});

describe('the predicted class', () => {
  it("of one window is the class with its probability; a binary-risk model's negative outcome is 1 − the risk", () => {
    expect(predictionText(beatModel, [{ label: 2, score: 0.874 }])).toBe('V · 87 %');
    expect(predictionText(riskModel, [{ label: 0, score: 0.02 }])).toBe('survived · 98 %');
    expect(predictionText(riskModel, [{ label: 1, score: 0.7 }])).toBe('died · 70 %');
    expect(predictionText(beatModel, [{ label: 1, score: null }])).toBe('S');
  });

  it('of several windows counts each class', () => {
    const windows = [0, 0, 2, 0].map((label) => ({ label, score: 0.9 }));
    expect(predictionText(beatModel, windows)).toBe('N ×3 · V ×1');
  });
});
