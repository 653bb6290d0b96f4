import { closeSync, ftruncateSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/seeded-random';
import { FormatError } from '../format-error';
import { openCsvRecord } from '../csv';
import { openEdfRecord, writeEdfPlus } from './index';
import { fixture, scratchDirectory } from '../../../test/support/edf-samples';

/**
 * Property test for both file readers (EDF here, CSV from ../csv): seeded damage to real files
 * must end in a readable record or a FormatError, never a TypeError, RangeError or a hang.
 */
const directory = scratchDirectory();
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function annotatedEdfPlus(): Buffer {
  const path = join(directory, 'annotated.edf');
  const values = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i / 7));
  writeEdfPlus(path, {
    startTime: '2024-01-01T00:00:00.5',
    channels: [
      { label: 'ECG', units: 'mV', samplingRateHz: 100, sampleCount: 500, read: (s, n) => values.slice(s, s + n) },
    ],
    annotations: Array.from({ length: 20 }, (_, i) => ({
      onsetS: i / 4,
      durationS: i % 3 === 0 ? null : 0.1,
      text: `N${i}`,
    })),
  });
  return readFileSync(path);
}

/** test_generator.bdf cut to its first 2 data records (7 signals, 12936-byte records). */
function smallBdf(): Buffer {
  const bytes = readFileSync(fixture('test_generator.bdf')).subarray(0, 256 * 7 + 2 * 12936);
  bytes.write('2       ', 236, 'latin1');
  return bytes;
}

const FIELD_VALUES = ['-1', '0', '1', '99999999', '1e308', '-0', '', 'NaN', '0.001', '-32768', '8388608', '+5'];
const BYTES = [0x00, 0x14, 0x15, 0x20, 0x2b, 0x2d, 0x2e, 0x30, 0x31, 0x39, 0x65, 0x78, 0xff];

function mutateEdf(source: Buffer, random: () => number): Buffer {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const headerBytes = Math.min(source.length, 256 * (1 + Number(source.toString('latin1', 252, 256))));
  const bytes = Buffer.from(source);
  const kind = random();
  if (kind < 0.35) {
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) bytes[Math.floor(random() * headerBytes)] = pick(BYTES);
  } else if (kind < 0.6) {
    const offset = 8 * Math.floor((random() * headerBytes) / 8);
    bytes.write(pick(FIELD_VALUES).padEnd(8, ' '), offset, 'latin1');
  } else if (kind < 0.85) {
    for (let n = 1 + Math.floor(random() * 8); n > 0; n--) {
      bytes[headerBytes + Math.floor(random() * (bytes.length - headerBytes))] = pick(BYTES);
    }
  } else {
    return bytes.subarray(0, Math.floor(random() * bytes.length));
  }
  return bytes;
}

const PIECES = [',', '"', '\n', '\r\n', '', 'x', '-', '.', 'e', '0', '9', ' ', 'NaN', '2020-01-01T00:00:00', '(', ']'];

function mutateCsv(source: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let text = source;
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const at = Math.floor(random() * (text.length + 1));
    const removed = random() < 0.5 ? 1 : 0;
    text = text.slice(0, at) + pick(PIECES) + text.slice(at + removed);
  }
  return random() < 0.1 ? text.slice(0, Math.floor(random() * text.length)) : text;
}

interface Survey {
  opened: number;
  refused: number;
  unexpected: string[];
}

/**
 * Writes each damaged file over the last one and opens it with `open`: a file either opens
 * (and is read through) or is refused with a FormatError; anything else is a defect.
 */
function survey(cases: Iterable<Buffer>, open: (path: string, round: number) => void): Survey {
  const path = join(directory, 'damaged');
  const fd = openSync(path, 'w');
  const result: Survey = { opened: 0, refused: 0, unexpected: [] };
  let round = 0;
  for (const bytes of cases) {
    // Overwriting in place: truncating a file to zero on every round costs milliseconds on ext4.
    writeSync(fd, bytes, 0, bytes.length, 0);
    ftruncateSync(fd, bytes.length);
    try {
      open(path, round);
      result.opened++;
    } catch (error) {
      if (error instanceof FormatError) result.refused++;
      else result.unexpected.push(`round ${round}: ${String(error)}`);
    }
    round++;
  }
  closeSync(fd);
  return result;
}

function* damaged<T>(sources: readonly T[], rounds: number, mutate: (source: T) => Buffer): Generator<Buffer> {
  for (let round = 0; round < rounds; round++) yield mutate(sources[round % sources.length] as T);
}

const csvFixture = (name: string): string =>
  fileURLToPath(new URL(`../../../test/fixtures/csv/${name}`, import.meta.url));

it('EDF, EDF+ and BDF: 2000 damaged files raise nothing but FormatError', () => {
  const random = seededRandom(20240611);
  const sources = [readFileSync(fixture('test_uneven_samp.edf')), annotatedEdfPlus(), smallBdf()];
  const result = survey(
    damaged(sources, 2000, (source) => mutateEdf(source, random)),
    (path) => {
      const record = openEdfRecord(path);
      record.annotations();
      record.channels.forEach((channel, index) => {
        const start = Math.floor(random() * channel.sampleCount);
        record.readSamples(index, start, Math.min(channel.sampleCount - start, 3000));
      });
      record.close();
    },
  );
  expect(result.unexpected).toEqual([]);
  expect(result.opened).toBeGreaterThan(300);
  expect(result.refused).toBeGreaterThan(300);
});

it('CSV: 2000 damaged files raise nothing but FormatError', () => {
  const random = seededRandom(7);
  const sources = ['seconds.csv', 'iso.csv', 'quoted.csv'].map((name) => readFileSync(csvFixture(name), 'utf8'));
  const result = survey(
    damaged(sources, 2000, (source) => Buffer.from(mutateCsv(source, random), 'utf8')),
    (path, round) => {
      const record = openCsvRecord(path, round % 4 === 0 ? { samplingRateHz: 10 } : {});
      record.channels.forEach((channel, index) => record.readSamples(index, 0, channel.sampleCount));
      record.close();
    },
  );
  expect(result.unexpected).toEqual([]);
  expect(result.opened).toBeGreaterThan(300);
  expect(result.refused).toBeGreaterThan(300);
});
