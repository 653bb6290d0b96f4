import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error';
import { encodeTal, parseTals } from './tal';

const file = 'annotations.edf';

describe('parseTals', () => {
  it('reads the TALs of test_edfann record 0 as formats.md §3.2 shows them', () => {
    const bytes = Buffer.from(
      '+0\x14\x14\x00+0\x1530\x14Sleep stage W\x14\x00+30\x1530\x14Sleep stage W\x14\x00' +
        '+33.43\x150\x14Lights off@@EEG F4-A1\x14\x00\x00\x00\x00',
      'latin1',
    );
    const tals = parseTals(file, bytes, 1000);
    expect(tals.map((t) => [t.onset, t.duration, t.texts])).toEqual([
      [0, null, ['']],
      [0, 30, ['Sleep stage W']],
      [30, 30, ['Sleep stage W']],
      [33.43, 0, ['Lights off@@EEG F4-A1']],
    ]);
    expect(tals[1]?.byteOffset).toBe(1005);
  });

  it('gives several texts of one TAL the same onset, and decodes UTF-8', () => {
    const bytes = Buffer.from('-1.5\x14Ärger\x14second\x14\x00', 'utf8');
    expect(parseTals(file, bytes, 0)).toEqual([
      { onset: -1.5, onsetText: '-1.5', duration: null, texts: ['Ärger', 'second'], byteOffset: 0 },
    ]);
  });

  it.each([
    ['an onset without a sign', '12\x14x\x14\x00', 0],
    ['a duration with a sign', '+1\x15-2\x14x\x14\x00', 3],
    ['an onset that runs into the padding', '+1\x00', 2],
    ['a text without its closing 0x14', '+1\x14abc', 6],
  ])('throws FormatError at the byte for %s', (_, text, at) => {
    const call = (): unknown => parseTals(file, Buffer.from(text, 'latin1'), 100);
    expect(call).toThrow(FormatError);
    expect(call).toThrow(`(byte ${100 + at})`);
  });
});

describe('encodeTal', () => {
  it('writes what parseTals reads, without exponents and with the format bytes removed from texts', () => {
    const bytes = Buffer.concat([encodeTal(0.1 + 0.2, 1e-7, ['a\x14b', 'c']), encodeTal(-2, null, [''])]);
    expect(bytes.toString('latin1', 0, 15)).toBe('+0.3\x150.0000001\x14');
    expect(parseTals(file, bytes, 0).map((t) => [t.onset, t.duration, t.texts])).toEqual([
      [0.3, 1e-7, ['a b', 'c']],
      [-2, null, ['']],
    ]);
  });
});
