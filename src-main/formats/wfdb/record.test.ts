import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { openWfdbRecord, readRecordAnnotators, type WfdbRecord } from './index';
import { fixtures, sharedData, sharedFile, sharedWfdb } from '../../../test/support/wfdb-samples';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wfdb-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function allHeaders(dir: string): string[] {
  if (!existsSyncSafe(dir, true)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.hea'))
    .map((name) => join(dir, name))
    .sort();
}

const record100 = sharedFile('100.hea');

describe('MIT-BIH record 100', () => {
  it.skipIf(record100 === null)('has the checksums −22131 and 20052 and starts with 995 and 1011', () => {
    const record = openWfdbRecord(record100 ?? '');
    try {
      expect(record.format).toBe('wfdb');
      expect(record.name).toBe('100');
      expect(record.frameRateHz).toBe(360);
      expect(record.frameCount).toBe(650000);
      expect(record.startTime).toBeNull();
      expect(record.info).toEqual(['69 M 1085 1629 x1', 'Aldomet, Inderal']);
      expect(record.channels.map((c) => [c.name, c.units, c.gain, c.baseline, c.adcResolution, c.sampleCount])).toEqual(
        [
          ['MLII', 'mV', 200, 1024, 11, 650000],
          ['V5', 'mV', 200, 1024, 11, 650000],
        ],
      );
      expect(record.signals.map((s) => s.checksum)).toEqual([-22131, 20052]);
      expect([...record.readSamples(0, 0, 3)]).toEqual([995, 995, 995]);
      expect(record.readSamples(1, 0, 1)[0]).toBe(1011);
      expect((995 - 1024) / 200).toBeCloseTo(-0.145, 12);
      expect(record.verify()).toEqual([]);
      // The annotation files beside the header: .atr is the reference annotator.
      expect(record.annotators().map((a) => a.annotator)).toEqual(['atr', 'qrs']);
      const beats = record.annotations();
      expect(beats.length).toBe(2274);
      expect(beats[0]).toEqual({
        sample: 18,
        endSample: null,
        channel: 0,
        code: 28,
        symbol: '+',
        subtype: 0,
        aux: '(N',
      });
      expect(beats[1]).toMatchObject({ sample: 77, symbol: 'N', aux: null });
    } finally {
      record.close();
    }
  });

  it.skipIf(record100 === null)('reads all 650,000 × 2 samples (fmt 212) of a fresh record in one call', () => {
    // Speed is measured by `npm run bench` (bench/formats.bench.ts), not asserted here.
    const fresh = openWfdbRecord(record100 ?? '');
    try {
      const a = fresh.readSamples(0, 0, 650000);
      const b = fresh.readSamples(1, 0, 650000);
      expect([a[0], b[0], a.length, b.length]).toEqual([995, 1011, 650000, 650000]);
      expect(Number.isNaN(a[649999])).toBe(false);
    } finally {
      fresh.close();
    }
  });

  it.skipIf(record100 === null)(
    'reads the length from the file size when the header leaves it out, and applies skew',
    () => {
      const full = openWfdbRecord(record100 ?? '');
      const noLength = openWfdbRecord(join(sharedWfdb, '100-no-len.hea'));
      const skewed = openWfdbRecord(join(sharedWfdb, '100skew.hea'));
      try {
        expect(noLength.frameCount).toBe(650000);
        expect([...noLength.readSamples(1, 649990, 10)]).toEqual([...full.readSamples(1, 649990, 10)]);
        // Skew 3 on V5: its sample k is stored at frame k + 3, and the record loses its last 3 frames.
        expect(skewed.frameCount).toBe(649997);
        expect([...skewed.readSamples(1, 0, 100)]).toEqual([...full.readSamples(1, 3, 100)]);
        expect([...skewed.readSamples(0, 0, 100)]).toEqual([...full.readSamples(0, 0, 100)]);
        expect(skewed.verify()).toEqual([]);
      } finally {
        full.close();
        noLength.close();
        skewed.close();
      }
    },
  );
});

describe('self-checks', () => {
  // wfdb-python made these two headers from test01_00s by hand: ECG_3 is the file's fourth
  // column, but its initial value was left at the third column's -57.
  const knownProblems: Record<string, RegExp[]> = {
    'test01_00s_frame.hea': [/signal 2 \(ECG_3\).*the first sample is -66, but the header's initial value is -57/],
    'test01_00s_skewframe.hea': [/signal 2 \(ECG_3\).*the first sample is -66, but the header's initial value is -57/],
  };

  it('every complete sample record matches its header checksums and initial values', () => {
    const checked: string[] = [];
    for (const base of [fixtures, sharedWfdb, join(sharedData, 'ludb')]) {
      for (const header of allHeaders(base)) {
        let record: WfdbRecord;
        try {
          record = openWfdbRecord(header);
        } catch {
          continue; // the signal file is not in the sample data (1003, 12726, test_generator_2)
        }
        try {
          if (record.header.kind === 'multi') continue; // its segments are checked as records of their own
          const name = relative(base, header);
          const expected = (knownProblems[name] ?? []).map((pattern): unknown => expect.stringMatching(pattern));
          expect({ name, warnings: record.verify() }).toEqual({ name, warnings: expected });
          checked.push(name);
        } finally {
          record.close();
        }
      }
    }
    console.log(`checksums and initial values verified for ${checked.length} headers`);
    expect(checked).toEqual(
      expect.arrayContaining(['binformats.hea', '310derive_3.hea', '311derive_3.hea', 'ludb-ecg.hea']),
    );
  });

  it('warns about a checksum or initial value that does not match, without failing the read', () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, 'test01_00s.dat'), join(dir, 'test01_00s.dat'));
    const header = readFileSync(join(fixtures, 'test01_00s.hea'), 'latin1')
      .replace('16 0 10 114 0 ECG 1', '16 0 11 114 0 ECG 1')
      .replace('16 0 -8 941 0 ECG 2', '16 0 -8 942 0 ECG 2');
    writeFileSync(join(dir, 'test01_00s.hea'), header);
    const record = openWfdbRecord(join(dir, 'test01_00s.hea'));
    try {
      // A sequential read in chunks, as an import does, checks the whole record.
      for (let start = 0; start < 4000; start += 1000) {
        for (let channel = 0; channel < 4; channel++) record.readSamples(channel, start, 1000);
      }
      expect(record.warnings).toEqual([
        expect.stringMatching(/signal 0 \(ECG 1\).*first sample is 10, but the header's initial value is 11/),
        expect.stringMatching(/signal 1 \(ECG 2\).*checksum 941, but the header says 942/),
      ]);
    } finally {
      record.close();
    }
  });

  const generatorEdf = join(sharedData, 'edf', 'test_generator_2.edf');
  it.skipIf(!existsSyncSafe(generatorEdf))(
    'reads test_generator_2 (16x200, latin-1 units) from the EDF data block',
    () => {
      const dir = tempDir();
      copyFileSync(join(fixtures, 'test_generator_2.hea'), join(dir, 'test_generator_2.hea'));
      writeFileSync(join(dir, 'test_generator_2.dat'), readFileSync(generatorEdf).subarray(3328));
      const record = openWfdbRecord(join(dir, 'test_generator_2.hea'));
      try {
        expect(record.startTime).toBe('2009-12-10T12:44:02');
        expect(record.channels[3]).toMatchObject({
          name: 'ECG',
          samplingRateHz: 200,
          sampleCount: 120000,
          gain: 32.7675,
        });
        expect(record.channels[8]?.units).toBe('°');
        expect(record.channels[11]).toMatchObject({ name: 'EDF Annotations', samplingRateHz: 51 });
        expect(record.verify()).toEqual([]); // ECG's checksum 21000 included
      } finally {
        record.close();
      }
    },
  );
});

function existsSyncSafe(path: string, directory = false): boolean {
  try {
    return directory ? statSync(path).isDirectory() : statSync(path).isFile();
  } catch {
    return false;
  }
}

describe('random access', () => {
  it('reads a window of a 24-hour record without reading the rest of the file', () => {
    // 24 h of two signals at 360 Hz in fmt 212: a 93 MB file, sparse except for one known window.
    const dir = tempDir();
    const frames = 24 * 3600 * 360;
    writeFileSync(
      join(dir, 'day.hea'),
      `day 2 360 ${frames} 08:00:00 01/02/2024\nday.dat 212 200(0)/mV 12 0 0\nday.dat 212 200(0)/mV 12 0 0\n`,
    );
    writeFileSync(join(dir, 'day.dat'), '');
    truncateSync(join(dir, 'day.dat'), frames * 3);
    const at = 23 * 3600 * 360 + 12345; // frame in hour 23
    const fd = openSync(join(dir, 'day.dat'), 'r+');
    // Frame `at` is one 3-byte block: signal 0 = 0x123 = 291, signal 1 = -0x234 & 0xfff.
    const b = -0x234 & 0xfff;
    writeSync(fd, Uint8Array.from([0x23, 0x01 | ((b >> 8) << 4), b & 0xff]), 0, 3, at * 3);
    closeSync(fd);

    const record = openWfdbRecord(join(dir, 'day.hea'));
    try {
      expect(record.startTime).toBe('2024-02-01T08:00:00');
      expect(record.channels[0]?.sampleCount).toBe(frames);
      const window = record.readSamples(1, at - 5, 10);
      expect([...window]).toEqual([0, 0, 0, 0, 0, -0x234, 0, 0, 0, 0]);
      expect(record.readSamples(0, at, 1)[0]).toBe(291);
      expect(record.bytesRead()).toBeLessThanOrEqual(30); // 10 frames × 3 bytes, the second signal from the cache
    } finally {
      record.close();
    }
  });

  it('seeks in format 8 (a difference chain) through checkpoints, and agrees with a full read', () => {
    const dir = tempDir();
    const frames = 50000;
    const values = [new Int32Array(frames), new Int32Array(frames * 2)];
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const bytes = new Uint8Array(frames * 3);
    const acc = [100, -50];
    let p = 0;
    for (let f = 0; f < frames; f++) {
      for (const [s, spf] of [
        [0, 1],
        [1, 2],
      ] as const) {
        for (let m = 0; m < spf; m++) {
          const d = Math.round(random() * 20);
          const sum = (acc[s] ?? 0) + d;
          acc[s] = sum;
          (values[s] as Int32Array)[f * spf + m] = sum;
          bytes[p++] = d & 0xff;
        }
      }
    }
    writeFileSync(join(dir, 'diff.dat'), bytes);
    writeFileSync(join(dir, 'diff.hea'), `diff 2 100 ${frames}\ndiff.dat 8 100 10 0 100\ndiff.dat 8x2 100 10 0 -50\n`);
    const record = openWfdbRecord(join(dir, 'diff.hea'));
    try {
      expect([...record.readSamples(1, 70001, 500)]).toEqual([...(values[1] as Int32Array).subarray(70001, 70501)]);
      expect([...record.readSamples(0, 12, 40000)]).toEqual([...(values[0] as Int32Array).subarray(12, 40012)]);
      expect([...record.readSamples(0, 49990, 10)]).toEqual([...(values[0] as Int32Array).subarray(49990)]);
      expect([...record.readSamples(1, 0, 100000)]).toEqual([...(values[1] as Int32Array)]);
      expect(record.channels[1]).toMatchObject({ samplingRateHz: 200, adcResolution: 10 });
    } finally {
      record.close();
    }
  });

  it('returns NaN for the invalid value of each format', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'gaps.dat'), Uint8Array.from([0x00, 0x80, 0x05, 0x00]));
    writeFileSync(join(dir, 'gaps.hea'), 'gaps 1 1 2\ngaps.dat 16 10/mmHg\n');
    const record = openWfdbRecord(join(dir, 'gaps.hea'));
    try {
      expect([...record.readSamples(0, 0, 2)]).toEqual([NaN, 5]);
    } finally {
      record.close();
    }
  });

  it('rejects windows outside the channel and reads after close', () => {
    const record = openWfdbRecord(join(fixtures, '100_3chan.hea'));
    expect(thrown(() => record.readSamples(0, 990, 10))).toBeInstanceOf(AppError);
    expect(thrown(() => record.readSamples(3, 0, 1))).toBeInstanceOf(AppError);
    expect(record.readSamples(2, 990, 9).length).toBe(9);
    record.close();
    expect(thrown(() => record.readSamples(0, 0, 1))).toBeInstanceOf(AppError);
  });
});

describe('bad input', () => {
  function formatError(f: () => unknown): FormatError {
    const error = thrown(f);
    if (!(error instanceof FormatError)) throw error;
    return error;
  }

  it('names the file and byte offset of a truncated signal file', () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, 'test01_00s.hea'), join(dir, 'test01_00s.hea'));
    writeFileSync(join(dir, 'test01_00s.dat'), readFileSync(join(fixtures, 'test01_00s.dat')).subarray(0, 31001));
    const error = formatError(() => openWfdbRecord(join(dir, 'test01_00s.hea')));
    expect(error.file).toBe(join(dir, 'test01_00s.dat'));
    expect(error.location).toEqual({ byteOffset: 31001 });
    expect(error.message).toMatch(
      /test01_00s\.dat \(byte 31001\): expected 32000 bytes \(4000 frames of 4 format-16 samples\)/,
    );
  });

  it('names the byte offset when a signal file shrinks while it is open', () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, 'test01_00s.hea'), join(dir, 'test01_00s.hea'));
    copyFileSync(join(fixtures, 'test01_00s.dat'), join(dir, 'test01_00s.dat'));
    const record = openWfdbRecord(join(dir, 'test01_00s.hea'));
    try {
      truncateSync(join(dir, 'test01_00s.dat'), 16000);
      const error = formatError(() => record.readSamples(0, 1000, 3000));
      expect(error.location).toEqual({ byteOffset: 16000 });
    } finally {
      record.close();
    }
  });

  it('names the header line of a missing signal file', () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, 'a103l.hea'), join(dir, 'a103l.hea'));
    const error = formatError(() => openWfdbRecord(join(dir, 'a103l.hea')));
    expect(error.location).toEqual({ line: 2 });
    expect(error.message).toMatch(/a103l\.hea:2: expected the signal file a103l\.mat next to the header/);
  });

  it('names the line of a header with too few fields or an unknown format', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'short.hea'), '# a comment\nshort 2 250 10\nshort.dat 16 200\nshort.dat\n');
    const short = formatError(() => openWfdbRecord(join(dir, 'short.hea')));
    expect(short.location).toEqual({ line: 4, column: 10 });
    expect(short.message).toMatch(/short\.hea:4:10: expected a storage format after the file name/);

    writeFileSync(join(dir, 'odd.hea'), 'odd 1 250 10\nodd.dat 17 200\n');
    const odd = formatError(() => openWfdbRecord(join(dir, 'odd.hea')));
    expect(odd.location).toEqual({ line: 2, column: 9 });
    expect(odd.message).toMatch(
      /unknown storage format 17; expected one of 0, 8, 16, 24, 32, 61, 80, 160, 212, 310, 311/,
    );

    writeFileSync(join(dir, 'few.hea'), 'few 3 250\nfew.dat 16\n');
    expect(formatError(() => openWfdbRecord(join(dir, 'few.hea'))).message).toMatch(
      /expected 3 signal lines \(file, format, …\), found 1/,
    );

    expect(formatError(() => openWfdbRecord(join(dir, 'absent.hea'))).message).toMatch(
      /absent\.hea: expected a readable WFDB header/,
    );
  });
});

describe('annotations beside the header', () => {
  it('reads every annotator; a per-lead annotator (LUDB) refers to its lead', () => {
    const annotators = readRecordAnnotators(join(fixtures, 'ludb-ecg.hea'));
    expect(annotators.map((a) => a.annotator)).toEqual([
      'avf',
      'avl',
      'avr',
      'i',
      'ii',
      'iii',
      'v1',
      'v2',
      'v3',
      'v4',
      'v5',
      'v6',
    ]);
    const ii = annotators.find((a) => a.annotator === 'ii');
    expect(ii?.annotations.length).toBe(48);
    expect(ii?.annotations.slice(0, 3).map((a) => `${a.sample}${a.symbol}@${a.channel}`)).toEqual([
      '644(@1',
      '662N@1',
      '682)@1',
    ]);
  });

  it('reads the annotators of a record whose signal files are absent (12726: .anI only)', () => {
    const [anI] = readRecordAnnotators(join(fixtures, '12726.hea'));
    expect(anI?.annotator).toBe('anI');
    expect(anI?.annotations.length).toBe(22);
    expect(anI?.annotations[0]).toEqual({
      sample: 87240,
      endSample: null,
      channel: null, // chan 255: the whole record
      code: 22,
      symbol: '"',
      subtype: 0,
      aux: 'Initiate slow tilt up',
    });
  });

  it('prefers .atr, and turns a file that is not an annotation file into a warning', () => {
    const dir = tempDir();
    for (const name of ['100_3chan.hea', '100_3chan.dat']) copyFileSync(join(fixtures, name), join(dir, name));
    copyFileSync(join(fixtures, '100.qrs'), join(dir, '100_3chan.qrs'));
    copyFileSync(join(fixtures, '100.atr'), join(dir, '100_3chan.atr'));
    writeFileSync(join(dir, '100_3chan.xyz'), Uint8Array.from([1, 2, 3]));
    writeFileSync(join(dir, '100_3chan.csv'), 'not,annotations\n');
    const record = openWfdbRecord(join(dir, '100_3chan.hea'));
    try {
      expect(record.annotators().map((a) => a.annotator)).toEqual(['atr', 'qrs']);
      expect(record.annotations().length).toBe(2274);
      expect(record.warnings).toEqual([
        expect.stringMatching(/100_3chan\.xyz was not read as an annotation file: .*byte 2/),
      ]);
    } finally {
      record.close();
    }
  });
});
