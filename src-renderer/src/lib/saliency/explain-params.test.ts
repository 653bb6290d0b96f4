import { describe, expect, it } from 'vitest';
import { paramFields, parseParamEdits, textsFor } from './explain-params';

const defaults = { nSteps: 50, method: 'gausslegendre', multiplyByInputs: true, window: [1, 1] };

describe('explain parameters', () => {
  it('are edited by their default’s type, lists as JSON', () => {
    expect(paramFields(defaults)).toEqual([
      { name: 'nSteps', kind: 'number', initial: '50' },
      { name: 'method', kind: 'text', initial: 'gausslegendre' },
      { name: 'multiplyByInputs', kind: 'boolean', initial: 'true' },
      { name: 'window', kind: 'json', initial: '[1,1]' },
    ]);
  });

  it('send only what was changed, typed, and name what cannot be read', () => {
    const fields = paramFields(defaults);
    expect(parseParamEdits(fields, {})).toEqual({ params: {}, errors: {} });
    expect(
      parseParamEdits(fields, {
        nSteps: '20',
        method: 'riemann_trapezoid',
        multiplyByInputs: 'false',
        window: '[5, 1]',
      }),
    ).toEqual({
      params: { nSteps: 20, method: 'riemann_trapezoid', multiplyByInputs: false, window: [5, 1] },
      errors: {},
    });
    expect(parseParamEdits(fields, { nSteps: 'lots', window: '[5,' })).toEqual({
      params: {},
      errors: { nSteps: 'expected a number', window: 'expected JSON, e.g. [1, 1]' },
    });
  });

  it('show values set in the settings as edits, which are then sent', () => {
    const fields = paramFields(defaults);
    const texts = textsFor(fields, { nSteps: 20, window: [3, 1], unknown: 1 });
    expect(texts).toEqual({ nSteps: '20', window: '[3,1]' });
    expect(parseParamEdits(fields, texts).params).toEqual({ nSteps: 20, window: [3, 1] });
  });
});
