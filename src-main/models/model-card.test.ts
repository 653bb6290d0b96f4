import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { fieldName, formatModelCard, parseModelCard, parseModelCardJson } from './model-card';
import type { ModelCard } from './model-card';
import { fixtureCard } from './testing/fixture-models';

const truthful = fixtureCard('cnn1d_beat');
const BAND_PASS = { design: 'butterworth', order: 2, lowHz: 0.5, highHz: 40, phase: 'zero-phase' };

/** The card as plain JSON, changed by `edit`: what a user's hand-written card looks like. */
function edited(edit: (card: Record<string, unknown>) => void): unknown {
  const json = JSON.parse(formatModelCard(truthful)) as Record<string, unknown>;
  edit(json);
  return json;
}

function refusal(value: unknown): string {
  try {
    parseModelCard(value, 'beat.json');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('the card was accepted');
}

describe('model cards', () => {
  it('accept a complete card and keep every field', () => {
    const parsed: ModelCard = parseModelCard(JSON.parse(formatModelCard(truthful)), 'beat.json');
    expect(parsed).toEqual(truthful);
  });

  it('accept a band-pass filter and keep it', () => {
    const bandPass = { design: 'butterworth', order: 2, lowHz: 0.5, highHz: 40, phase: 'zero-phase' } as const;
    const card = { ...truthful, preprocessing: { ...truthful.preprocessing, bandPass } };
    expect(parseModelCard(JSON.parse(formatModelCard(card)), 'beat.json').preprocessing.bandPass).toEqual(bandPass);
  });

  it.each([
    ['a missing field', (c: Record<string, unknown>) => delete c.licence, /field 'licence' is missing/],
    [
      'a snake_case field',
      (c: Record<string, unknown>) => (c.class_names = c.classNames),
      /field 'class_names' is not a model card field/,
    ],
    ['an unknown task', (c: Record<string, unknown>) => (c.task = 'segmentation'), /field 'task'/],
    [
      'repeated class names',
      (c: Record<string, unknown>) => (c.classNames = ['N', 'N']),
      /field 'classNames'.*distinct/,
    ],
    [
      'a binary-risk model with three outcomes',
      (c: Record<string, unknown>) => Object.assign(c, { task: 'binary-risk', classNames: ['a', 'b', 'c'] }),
      /field 'classNames': a binary-risk model names 2 outcomes/,
    ],
    [
      'a regression model with logits',
      (c: Record<string, unknown>) => (c.task = 'regression'),
      /field 'outputKind': a regression model's outputs are 'values'/,
    ],
    [
      'a zero standard deviation',
      (c: Record<string, unknown>) => ((c.preprocessing as Record<string, unknown>).channelStd = [0]),
      /field 'preprocessing\.channelStd\[0\]'/,
    ],
    [
      'a mean per channel missing',
      (c: Record<string, unknown>) => ((c.preprocessing as Record<string, unknown>).channelMean = [0, 0]),
      /field 'preprocessing\.channelMean': expected one value per input channel \(1\), got 2/,
    ],
    [
      'a channel without a name',
      (c: Record<string, unknown>) => ((c.input as { channels: { units: string }[] }).channels[0] = { units: '' }),
      /field 'input\.channels\[0\]\.name' is missing/,
    ],
    [
      'a per-time-step flag that is not a boolean',
      (c: Record<string, unknown>) => (c.perTimeStep = 'yes'),
      /field 'perTimeStep'/,
    ],
    ['a sha256 that is not hex', (c: Record<string, unknown>) => (c.sha256 = 'abc'), /field 'sha256'/],
    [
      'no metric',
      (c: Record<string, unknown>) => ((c.metrics as Record<string, unknown>).values = {}),
      /field 'metrics\.values': expected at least one metric/,
    ],
    [
      'a band-pass edge at the Nyquist frequency',
      (c: Record<string, unknown>) =>
        ((c.preprocessing as Record<string, unknown>).bandPass = { ...BAND_PASS, highHz: 180 }),
      /field 'preprocessing\.bandPass\.highHz': expected below the Nyquist frequency of input\.samplingRateHz \(180 Hz\)/,
    ],
    [
      'a band-pass whose low edge is above its high one',
      (c: Record<string, unknown>) =>
        ((c.preprocessing as Record<string, unknown>).bandPass = { ...BAND_PASS, lowHz: 50 }),
      /field 'preprocessing\.bandPass\.highHz': expected above lowHz \(50 Hz\)/,
    ],
    [
      'a band-pass design other than Butterworth',
      (c: Record<string, unknown>) =>
        ((c.preprocessing as Record<string, unknown>).bandPass = { ...BAND_PASS, design: 'chebyshev1' }),
      /field 'preprocessing\.bandPass\.design'/,
    ],
    [
      'a band-pass of order 0',
      (c: Record<string, unknown>) =>
        ((c.preprocessing as Record<string, unknown>).bandPass = { ...BAND_PASS, order: 0 }),
      /field 'preprocessing\.bandPass\.order'/,
    ],
    [
      'a band-pass without a phase',
      (c: Record<string, unknown>) =>
        ((c.preprocessing as Record<string, unknown>).bandPass = { ...BAND_PASS, phase: undefined }),
      /field 'preprocessing\.bandPass\.phase' is missing/,
    ],
    [
      'a zero-phase band-pass longer than the window',
      (c: Record<string, unknown>) => {
        (c.preprocessing as Record<string, unknown>).bandPass = { ...BAND_PASS, order: 8 };
        (c.input as Record<string, unknown>).windowLength = 51;
      },
      /field 'preprocessing\.bandPass\.phase': zero-phase filtering of order 8 pads 51 samples at each end; input\.windowLength \(51\) must be longer/,
    ],
  ])('refuse %s, naming the field', (_, edit, message) => {
    const text = refusal(edited(edit));
    expect(text).toMatch(/^model card beat\.json: /);
    expect(text).toMatch(message);
  });

  it('refuse a file that is not JSON', () => {
    expect(() => parseModelCardJson('{"id": ', 'beat.json')).toThrow(/model card beat\.json: not valid JSON/);
  });

  it('name nested fields as a reader writes them', () => {
    expect(fieldName(['input', 'channels', 1, 'units'])).toBe('input.channels[1].units');
    expect(fieldName(['sha256'])).toBe('sha256');
  });
});
