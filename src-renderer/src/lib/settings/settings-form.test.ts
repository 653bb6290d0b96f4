import { describe, expect, it } from 'vitest';
import type { Settings } from '$api/contract';
import { draftOf, patchFrom } from './settings-form';

const saved: Settings = {
  executionProvider: 'cpu',
  intraOpThreads: null,
  defaultMethods: ['integrated-gradients', 'occlusion'],
  methodParams: { 'integrated-gradients': { nSteps: 32 } },
  amplitudeUnits: 'mV',
  gridColour: 'red',
  theme: 'system',
  updateServer: null,
};

describe('settings form', () => {
  it('changes nothing when the draft is what was saved', () => {
    expect(patchFrom(saved, draftOf(saved))).toEqual({ ok: true, patch: {} });
  });

  it('sends only the fields that changed, in the service’s types', () => {
    const draft = { ...draftOf(saved), threads: ' 2 ', theme: 'dark' as const, updateServer: 'https://updates.lab' };
    draft.methodParams = { ...draft.methodParams, occlusion: '{"window": [5, 1]}' };
    expect(patchFrom(saved, draft)).toEqual({
      ok: true,
      patch: {
        intraOpThreads: 2,
        theme: 'dark',
        updateServer: 'https://updates.lab',
        methodParams: { 'integrated-gradients': { nSteps: 32 }, occlusion: { window: [5, 1] } },
      },
    });
  });

  it('names the field a person got wrong', () => {
    expect(patchFrom(saved, { ...draftOf(saved), threads: '1.5' })).toMatchObject({ ok: false, field: 'threads' });
    const badJson = { ...draftOf(saved), methodParams: { occlusion: '[1, 2]' } };
    expect(patchFrom(saved, badJson)).toMatchObject({ ok: false, field: 'params-occlusion' });
  });

  it('clears a method’s parameters when its box is emptied, and turns updates off when the server is', () => {
    const draft = { ...draftOf({ ...saved, updateServer: 'https://u' }), updateServer: ' ' };
    draft.methodParams = { 'integrated-gradients': '' };
    expect(patchFrom({ ...saved, updateServer: 'https://u' }, draft)).toEqual({
      ok: true,
      patch: { methodParams: {}, updateServer: null },
    });
  });
});
