import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import {
  decodeAnnotations,
  readAnnotations,
  toSourceAnnotations,
  writeAnnotations,
  type AnnotationToWrite,
} from './index';
import { fixtures, readAnnotationTarget } from '../../../test/support/wfdb-samples';

function fields(
  path: string,
): { sample: number; symbol: string; subtype: number; chan: number; num: number; aux: string }[] {
  return readAnnotations(path).annotations.map((a) => ({
    sample: a.sample,
    symbol: a.symbol,
    subtype: a.subtype,
    chan: a.chan,
    num: a.num,
    aux: a.text ?? '',
  }));
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('reading MIT annotation files (rdann outputs in target-output/)', () => {
  it('100.atr: 2274 annotations, the first a rhythm change with aux "(N"', () => {
    const expected = readAnnotationTarget(join(fixtures, 'target-output', 'ann-1'));
    expect(expected.length).toBe(2274);
    expect(fields(join(fixtures, '100.atr'))).toEqual(expected);
    const decoded = readAnnotations(join(fixtures, '100.atr'));
    expect(decoded.annotations[0]?.aux).toEqual(Uint8Array.from([0x28, 0x4e, 0x00])); // the NUL is kept in the bytes
    const counts = new Map<string, number>();
    for (const a of decoded.annotations) counts.set(a.symbol, (counts.get(a.symbol) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ '+': 1, N: 2239, A: 33, V: 1 });
  });

  it('12726.anI: SKIP before the first note, CHN 1023 read as 255, 22 notes with text', () => {
    const expected = readAnnotationTarget(join(fixtures, 'target-output', 'ann-2'));
    expect(expected.length).toBe(22);
    expect(fields(join(fixtures, '12726.anI'))).toEqual(expected);
  });

  it('1003.atr: a label table for codes 15, 17, 20, 21, 23, 24, then SKIP −1 and a null annotation', () => {
    const expected = readAnnotationTarget(join(fixtures, 'target-output', 'ann-3'));
    expect(expected.length).toBe(957);
    expect(fields(join(fixtures, '1003.atr'))).toEqual(expected);
    const decoded = readAnnotations(join(fixtures, '1003.atr'));
    expect(decoded.labels).toEqual([
      { code: 15, symbol: 'c', description: 'calibration pulse' },
      { code: 17, symbol: '#', description: 'pressure line flushed' },
      { code: 20, symbol: 'x', description: 'signal source change' },
      { code: 21, symbol: 'w', description: 'wedge recording (PCW)' },
      { code: 23, symbol: '*', description: 'pop test' },
      { code: 24, symbol: 'z', description: 'zero pressure' },
    ]);
    // The table notes and the null annotation stay in `all`, so the file can be written back.
    expect(decoded.all.length).toBe(957 + 9);
    expect(decoded.all[8]).toMatchObject({ sample: 0, code: 0 });
  });
});

describe('writing MIT annotation files', () => {
  const identical = [
    '100.atr',
    '100.qrs',
    '1003.atr',
    ...readdirSync(fixtures).filter((name) => name.startsWith('ludb-ecg.') && !/\.(hea|dat)$/.test(name)),
  ];
  it.each(identical)('re-encodes %s byte for byte', (name) => {
    const bytes = readFileSync(join(fixtures, name));
    expect(writeAnnotations(decodeAnnotations(bytes, name).all).equals(bytes)).toBe(true);
  });

  it('re-encodes 12726.anI with one word changed: its CHN 1023 is written as 255', () => {
    const bytes = readFileSync(join(fixtures, '12726.anI'));
    const written = writeAnnotations(decodeAnnotations(bytes).all);
    expect(written.length).toBe(bytes.length);
    const differing = [...bytes.keys()].filter((i) => bytes[i] !== written[i]);
    expect(differing).toEqual([9]); // the high byte of the word at 8
    expect([bytes.readUInt16LE(8), written.readUInt16LE(8)]).toEqual([(62 << 10) | 1023, (62 << 10) | 255]);
  });

  it('writes a label table and time resolution that read back, with SKIP for long and backward gaps', () => {
    const annotations: AnnotationToWrite[] = [
      { sample: 5000, code: 1 },
      { sample: 100, code: 42, aux: 'saliency' }, // out of order: sorted on write
      { sample: 100, code: 39, chan: 255, aux: 'ML saliency region' },
      { sample: 3_000_000_000, code: 40, chan: 255 },
      { sample: 7000, code: 28, subtype: -1, num: -3, aux: '(AFIB' },
      { sample: 7001, code: 0 },
    ];
    const bytes = writeAnnotations(annotations, {
      timeResolution: 720,
      labels: [{ code: 42, symbol: 'S!', description: 'salient beat' }],
    });
    // The preamble ends as wfdb-python's does: SKIP −1, then the null word 1.
    const preambleEnd = bytes.indexOf(Buffer.from([0x00, 0xec, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00]));
    expect(preambleEnd).toBeGreaterThan(0);
    const decoded = decodeAnnotations(bytes);
    expect(decoded.timeResolution).toBe(720);
    expect(decoded.labels).toEqual([{ code: 42, symbol: 'S!', description: 'salient beat' }]);
    expect(decoded.annotations.map((a) => [a.sample, a.symbol, a.subtype, a.chan, a.num, a.text])).toEqual([
      [100, 'S!', 0, 0, 0, 'saliency'],
      [100, '(', 0, 255, 0, 'ML saliency region'],
      [5000, 'N', 0, 0, 0, null],
      [7000, '+', -1, 0, -3, '(AFIB'],
      [3_000_000_000, ')', 0, 255, 0, null],
    ]);
    // At the record's 360 Hz, the 720 Hz times halve; chan 255 means the whole record.
    const { annotations: shown } = toSourceAnnotations(decoded, 'app', 360, ['II', 'V']);
    expect(shown.map((a) => [a.sample, a.channel, a.symbol])).toEqual([
      [50, 0, 'S!'],
      [50, null, '('],
      [2500, 0, 'N'],
      [3500, 0, '+'],
      [1_500_000_000, null, ')'],
    ]);
    // And writing the decoded file again gives the same bytes.
    expect(writeAnnotations(decoded.all).equals(bytes)).toBe(true);
  });

  it('refuses what the format cannot hold', () => {
    expect(thrown(() => writeAnnotations([{ sample: 1, code: 1, aux: 'x'.repeat(256) }]))).toBeInstanceOf(AppError);
    expect(thrown(() => writeAnnotations([{ sample: 1, code: 59 }]))).toBeInstanceOf(AppError);
    expect(thrown(() => writeAnnotations([{ sample: 1.5, code: 1 }]))).toBeInstanceOf(AppError);
    expect(thrown(() => writeAnnotations([{ sample: 1, code: 1, chan: 256 }]))).toBeInstanceOf(AppError);
    expect([...writeAnnotations([])]).toEqual([0, 0]);
  });
});

describe('bad annotation files', () => {
  function formatError(bytes: number[]): FormatError {
    const error = thrown(() => decodeAnnotations(Uint8Array.from(bytes), 'bad.atr'));
    if (!(error instanceof FormatError)) throw error;
    return error;
  }

  it('names the byte offset where the data stops making sense', () => {
    expect(formatError([0x12, 0x70, 0x05, 0xfc, 0x28]).location).toEqual({ byteOffset: 4 }); // AUX of 5 bytes, 1 there
    expect(formatError([0x00, 0xec, 0x01, 0x00]).location).toEqual({ byteOffset: 2 }); // SKIP without its interval
    expect(formatError([0x12, 0x04, 0x01]).location).toEqual({ byteOffset: 2 }); // half a word
    expect(formatError([0x01, 0xf4]).message).toMatch(/bad\.atr \(byte 0\): expected an annotation before the SUB/);
    expect(formatError([0x00, 0x4e, 0x00, 0x00]).message).toMatch(/AHA format/);
  });

  it('reads a file without the end-of-file word to its end, with a warning', () => {
    const decoded = decodeAnnotations(Uint8Array.from([0x3b, 0x04]), 'short.atr');
    expect(decoded.annotations.map((a) => [a.sample, a.symbol])).toEqual([[59, 'N']]);
    expect(decoded.warnings).toEqual(['short.atr has no end-of-file word; read to its physical end']);
  });
});
