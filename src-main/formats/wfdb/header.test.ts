import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error';
import {
  effectiveGain,
  headerStartTime,
  parseHeader,
  parseInfoFields,
  type WfdbHeader,
  type WfdbMultiSegmentHeader,
  type WfdbSingleSegmentHeader,
} from './index';
import { fixtures, sampleFile } from '../../../test/support/wfdb-samples';

function single(text: string | Uint8Array): WfdbSingleSegmentHeader {
  const header = parseHeader(text, 'test.hea');
  if (header.kind !== 'single') throw new Error('expected a single-segment header');
  return header;
}

function multi(header: WfdbHeader): WfdbMultiSegmentHeader {
  if (header.kind !== 'multi') throw new Error('expected a multi-segment header');
  return header;
}

function fixture(name: string): WfdbSingleSegmentHeader {
  return single(readFileSync(join(fixtures, name)));
}

function formatError(text: string): FormatError {
  try {
    parseHeader(text, 'bad.hea');
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('record line', () => {
  it('skips a comment before it and blank lines between signal lines (100.hea, CRLF)', () => {
    const header = fixture('100.hea');
    expect(header.record).toMatchObject({
      line: 2,
      name: '100',
      signalCount: 2,
      samplingFrequency: 360,
      frameCount: 650000,
    });
    expect(header.signals.map((s) => [s.line, s.description])).toEqual([
      [3, 'MLII'],
      [5, 'V5'],
    ]);
    expect(header.info).toEqual(['69 M 1085 1629 x1', 'Aldomet, Inderal']);
    expect(header.warnings).toEqual([]);
  });

  it('reads a counter frequency and base counter glued to FS', () => {
    expect(fixture('12726.hea').record).toMatchObject({
      samplingFrequency: 250,
      counterFrequency: 24000,
      baseCounter: 0,
    });
    expect(single('r 1 360/1000(5.5) 10\nr.dat 16\n').record).toMatchObject({
      samplingFrequency: 360,
      counterFrequency: 1000,
      baseCounter: 5.5,
    });
    expect(single('r 0 3.6e2\n').record.samplingFrequency).toBe(360);
    expect(single('r 0\n').record).toMatchObject({ samplingFrequency: 250, counterFrequency: 250, frameCount: null });
    expect(single('s 10 0.0166666666667/125 1936\n' + 's.dat 16\n'.repeat(10)).record.samplingFrequency).toBeCloseTo(
      1 / 60,
      12,
    );
  });

  it('reads base times with milliseconds, as MM:SS, and with a (date-shifted) date', () => {
    expect(headerStartTime(fixture('12726.hea').record)).toBe('15:08:24');
    expect(headerStartTime(fixture('3000003_0003.hea').record)).toBe('19:46:25.757');
    expect(headerStartTime(fixture('03700181.hea').record)).toBe('1994-08-15T17:27:45');
    expect(single('r 0 125 10    31:51.982\n').record.baseTime).toEqual({
      hours: 0,
      minutes: 31,
      seconds: 51,
      fraction: '982',
    });
    expect(single('r 0 125 10 7\n').record.baseTime).toEqual({ hours: 0, minutes: 0, seconds: 7, fraction: '' });
    const mimic = parseHeader(readFileSync(sampleFile('multi-segment', 's00001', 's00001-2896-10-10-00-31.hea') ?? ''));
    expect(headerStartTime(mimic.record)).toBe('2896-10-10T00:31:25.894');
    expect(headerStartTime(single('041s01 7 125 1000  8:26:04 26/10/1994\n' + 'x.dat 212\n'.repeat(7)).record)).toBe(
      '1994-10-26T08:26:04',
    );
    expect(headerStartTime(fixture('100.hea').record)).toBeNull();
  });

  it('leaves the length unknown when it is missing or 0', () => {
    expect(fixture('100-no-len.hea').record.frameCount).toBeNull();
    expect(single('r 1 360 0\nr.dat 16\n').record.frameCount).toBeNull();
  });
});

describe('signal lines', () => {
  it('reads samples per frame, skew and byte offset from the format field', () => {
    expect(fixture('100skew.hea').signals.map((s) => s.skew)).toEqual([0, 3]);
    expect(fixture('a103l.hea').signals[0]).toMatchObject({ format: 16, byteOffset: 24, gain: 7247, units: 'mV' });
    expect(fixture('a103l.hea').signals[1]?.gain).toBe(10520);
    expect(fixture('03700181.hea').signals.map((s) => [s.format, s.samplesPerFrame, s.skew])).toEqual([
      [212, 4, 0],
      [212, 1, 0],
      [212, 1, 4],
    ]);
    expect(single('r 1 250 10\nr.dat 16x2:3+24 200\n').signals[0]).toMatchObject({
      samplesPerFrame: 2,
      skew: 3,
      byteOffset: 24,
    });
  });

  it('reads every gain form: baseline, units, exponents, negative and uncalibrated gains', () => {
    const gains = (line: string): unknown => {
      const s = single(`r 1\nr.dat 16 ${line}\n`).signals[0];
      return [s?.gain, s?.baseline, s?.units];
    };
    expect(gains('200(1024)/mV')).toEqual([200, 1024, 'mV']);
    expect(gains('12.84(-1605)/mmHg')).toEqual([12.84, -1605, 'mmHg']);
    expect(gains('0.833333(-100)/mmHg')).toEqual([0.833333, -100, 'mmHg']);
    expect(gains('1(1)')).toEqual([1, 1, 'mV']);
    expect(gains('2.4011e-11/nV')).toEqual([2.4011e-11, 0, 'nV']);
    expect(gains('-19.34(3064)/degC')).toEqual([-19.34, 3064, 'degC']);
    expect(gains('1000.0(0)/mV')).toEqual([1000, 0, 'mV']);
    expect(gains('10/%')).toEqual([10, 0, '%']);
    // Without a baseline, it is ADCZERO (100.hea: gain 200, ADC zero 1024).
    expect(fixture('100.hea').signals[0]).toMatchObject({
      gain: 200,
      baseline: 1024,
      adcZero: 1024,
      adcResolution: 11,
    });
    const uncalibrated = single('r 1\nr.dat 16 0\n').signals[0];
    expect(effectiveGain(uncalibrated?.gain ?? NaN)).toBe(200);
    expect(single('r 1\nr.dat 16\n').signals[0]).toMatchObject({
      gain: 0,
      baseline: 0,
      units: 'mV',
      adcResolution: 12,
    });
  });

  it('reads the ADC fields, initial value, checksum (signed or not) and block size', () => {
    expect(fixture('310derive_3.hea').signals[0]).toMatchObject({
      adcResolution: 10,
      adcZero: 0,
      initValue: -5,
      checksum: 62172,
      blockSize: 0,
      description: 'ch1',
    });
    // ADC resolution 0 means the default: 12 bits, 10 for the difference format.
    expect(fixture('ludb-ecg.hea').signals[0]).toMatchObject({
      adcResolution: 12,
      gain: 1716,
      baseline: 6,
      description: 'i',
    });
    expect(single('r 1\nr.dat 8 200 0\n').signals[0]?.adcResolution).toBe(10);
    expect(single('r 1\nr.dat 16 200 12\n').signals[0]).toMatchObject({ initValue: null, checksum: null });
  });

  it('keeps spaces inside descriptions, trims them at the ends, and reads latin-1 units', () => {
    expect(fixture('binformats.hea').signals[0]?.description).toBe('sig 0, fmt 8');
    expect(fixture('1003.hea').signals.map((s) => s.description)).toEqual([
      'ECG lead II',
      'ART',
      'PAP',
      'CVP',
      'Resp. Imp.',
      'CO2',
    ]);
    expect(fixture('03700181.hea').signals[0]?.description).toBe('MCL1');
    const generator = fixture('test_generator_2.hea');
    expect(generator.signals[8]?.units).toBe('°');
    expect(generator.signals[0]?.units).toBe('uV');
    expect(generator.signals[11]).toMatchObject({ samplesPerFrame: 51, gain: 32767.5, description: 'EDF Annotations' });
  });

  it('accepts tabs between fields', () => {
    const header = single('muse\t1\t500\t5000\nmuse.dat\t16\t1000(0)/mV\t16\t0\t-5\t100\t0\tI\n');
    expect(header.signals[0]).toMatchObject({ gain: 1000, initValue: -5, checksum: 100, description: 'I' });
  });

  it('reads a layout header of a variable-layout record', () => {
    const layout = single(readFileSync(sampleFile('multi-segment', 's00001', '3975656_layout.hea') ?? ''));
    expect(layout.record.frameCount).toBeNull();
    expect(
      layout.signals.map((s) => [s.fileName, s.format, s.gain, s.adcResolution, s.initValue, s.description]),
    ).toEqual([
      ['~', 0, 83, 15, -16384, 'II'],
      ['~', 0, 55, 14, -8192, 'V'],
      ['~', 0, 122, 11, -1024, 'MCL1'],
      ['~', 0, 1, 9, -256, 'ABP'],
    ]);
  });
});

describe('info strings', () => {
  it('keeps the comments after the signals, blank lines skipped', () => {
    const ptb = fixture('s0010_re.hea');
    expect(ptb.signals.length).toBe(15);
    expect(ptb.info.slice(0, 5)).toEqual([
      'age: 81',
      'sex: female',
      'ECG date: 01/10/1990',
      'Diagnose:',
      'Reason for admission: Myocardial infarction',
    ]);
  });

  it('reads <key>: value pairs best-effort', () => {
    expect(parseInfoFields(fixture('test01_00s.hea').info)).toEqual({
      age: '25',
      sex: 'M',
      diagnoses: '(none)',
      medications: '(none)',
    });
    expect(parseInfoFields(fixture('s0010_re.hea').info)).toMatchObject({ age: '81', sex: 'female', Smoker: 'no' });
    expect(parseInfoFields(fixture('ludb-ecg.hea').info)).toMatchObject({
      sex: 'F',
      diagnoses: '',
      Rhythm: 'Sinus bradycardia.',
    });
  });
});

describe('multi-segment headers', () => {
  it('reads a fixed layout (v102s) and its info line', () => {
    const header = multi(parseHeader(readFileSync(sampleFile('multi-segment', 'fixed1', 'v102s.hea') ?? '')));
    expect(header.record).toMatchObject({ name: 'v102s', segmentCount: 3, signalCount: 4, frameCount: 225000 });
    expect(header.segments.map((s) => [s.name, s.frameCount])).toEqual([
      ['v102s_1', 75000],
      ['v102s_2', 75000],
      ['v102s_3', 75000],
    ]);
    expect(header.info).toEqual([expect.stringMatching(/^This is a fixed layout multi-segment record/)]);
  });

  it('reads a variable layout with its layout segment and null segments', () => {
    const header = multi(
      parseHeader(readFileSync(sampleFile('multi-segment', 's00001', 's00001-2896-10-10-00-31.hea') ?? '')),
    );
    expect(header.segments.length).toBe(21);
    expect(header.segments[0]).toMatchObject({ name: '3975656_layout', frameCount: 0 });
    expect(header.segments[1]).toMatchObject({ name: null, frameCount: 3261 });
    expect(header.segments.filter((s) => s.name === null).length).toBe(4);
    expect(header.record.frameCount).toBe(14518365);
  });

  it('uses the sum of the segment lengths when the record line disagrees', () => {
    const header = parseHeader('m/2 1 250 99\na 10\n~ 5\n');
    expect(header.record.frameCount).toBe(15);
    expect(header.warnings).toEqual([expect.stringMatching(/says 99 samples but the segments add up to 15/)]);
  });
});

describe('malformed headers', () => {
  it.each([
    ['', { line: 1 }, /expected a record line/],
    ['# only a comment\n', { line: 1 }, /expected a record line/],
    ['rec\n', { line: 1, column: 4 }, /expected the number of signals after the record name/],
    ['rec two\n', { line: 1, column: 5 }, /expected the number of signals \(an integer ≥ 0\)/],
    ['rec 1 -5\n', { line: 1, column: 7 }, /sampling frequency/],
    ['rec 1 250/0\n', { line: 1, column: 7 }, /counter frequency > 0/],
    ['rec 1 250 12.5\n', { line: 1, column: 11 }, /number of samples per signal/],
    ['rec 1 250 10 25:00:00\n', { line: 1, column: 14 }, /base time as HH:MM:SS/],
    ['rec 1 250 10 10:00:00 32/01/2000\n', { line: 1, column: 23 }, /base date as DD\/MM\/YYYY/],
    ['rec/0 1\n', { line: 1, column: 1 }, /positive number of segments/],
    ['rec/2 1\nseg1 10\n', { line: 2 }, /expected 2 segment lines \(name and length\), found 1/],
    ['rec/1 1\nseg1\n', { line: 2, column: 5 }, /expected the length of segment seg1/],
    ['rec 2\nrec.dat 16\n', { line: 2 }, /expected 2 signal lines/],
    ['rec 1\nrec.dat\n', { line: 2, column: 8 }, /expected a storage format after the file name/],
    ['rec 1\nrec.dat 16y2\n', { line: 2, column: 9 }, /FMT\[xSPF\]\[:SKEW\]\[\+OFFSET\]/],
    ['rec 1\nrec.dat 99\n', { line: 2, column: 9 }, /unknown storage format 99/],
    ['rec 1\nrec.dat 516\n', { line: 2, column: 9 }, /FLAC-compressed/],
    ['rec 1\nrec.dat 16x0\n', { line: 2, column: 9 }, /samples per frame/],
    ['rec 1\nrec.dat 16 abc/mV\n', { line: 2, column: 12 }, /GAIN\[\(BASELINE\)\]\[\/UNITS\]/],
    ['rec 1\nrec.dat 16 200(1.5)/mV\n', { line: 2, column: 12 }, /integer baseline/],
    ['rec 1\nrec.dat 16 200 12 zero\n', { line: 2, column: 19 }, /ADC zero/],
    ['rec 1\nrec.dat 16 200 64\n', { line: 2, column: 16 }, /ADC resolution between 0 and 32/],
    ['rec 2\nrec.dat 16\nrec.dat 212\n', { line: 3 }, /expected format 16 like the signal before it/],
  ])('%j → %j', (text, location, message) => {
    const error = formatError(text);
    expect(error.location).toEqual(location);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith('bad.hea:')).toBe(true);
    expect(error.kind).toBe('bad-input');
  });

  it('warns about lines and fields it ignores', () => {
    const header = parseHeader('rec 1 250 10 10:00:00 01/01/2000 extra\nrec.dat 16\nstray line\n# info\n');
    expect(header.warnings).toEqual([
      'line 1: ignored extra fields after the base date',
      'line 3 is neither a comment nor expected after the last signal line; ignored',
    ]);
    expect(header.info).toEqual(['info']);
  });
});
