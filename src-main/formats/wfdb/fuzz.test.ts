/**
 * Property test with a fixed seed: thousands of mutated headers, signal files and annotation files
 * go through the parsers, and the only error that may come out is FormatError.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/seeded-random';
import { FormatError } from '../format-error';
import {
  decodeAnnotations,
  openWfdbRecord,
  parseHeader,
  parseInfoFields,
  writeAnnotations,
  writeSignals,
} from './index';
import { fixtures } from '../../../test/support/wfdb-samples';

const random = seededRandom(0x5eed_2026);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

/** Characters that matter to the header syntax, plus a few that do not belong. */
const HEADER_CHARS = [
  ...Array.from({ length: 10 }, (_, d) => String(d)),
  ' ', '\t', '\n', '\r', '#', '/', '(', ')', 'x', ':', '+', '-', '.', 'e', '~', 'E', '%', '°',
  'mV', '16', '212', '8', '310', '0', '-32768', '99999999999999999',
]; // prettier-ignore

function mutateText(text: string): string {
  let out = text;
  for (let n = 1 + int(3); n > 0; n--) {
    const at = int(out.length + 1);
    switch (int(6)) {
      case 0:
        out = out.slice(0, at) + pick(HEADER_CHARS) + out.slice(at + 1);
        break;
      case 1:
        out = out.slice(0, at) + pick(HEADER_CHARS) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at + 1 + int(8));
        break;
      case 3: {
        const lines = out.split('\n');
        lines.splice(int(lines.length), 0, pick(lines));
        out = lines.join('\n');
        break;
      }
      case 4:
        out = out.slice(0, at);
        break;
      default: {
        const lines = out.split('\n');
        const i = int(lines.length);
        const j = int(lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        out = lines.join('\n');
      }
    }
  }
  return out;
}

function mutateBytes(bytes: Uint8Array): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (let n = 1 + int(4); n > 0; n--) {
    const at = int(out.length + 1);
    switch (int(5)) {
      case 0:
        if (at < out.length) out[at] = (out[at] ?? 0) ^ (1 << int(8));
        break;
      case 1:
        if (at < out.length) out[at] = int(256);
        break;
      case 2:
        out = out.subarray(0, at);
        break;
      case 3:
        out = Uint8Array.from([
          ...out.subarray(0, at),
          ...Array.from({ length: 1 + int(6) }, () => int(256)),
          ...out.subarray(at),
        ]);
        break;
      default:
        out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + 1 + int(6))]);
    }
  }
  return out;
}

interface Outcomes {
  read: number;
  rejected: number;
  failures: string[];
}

/** Runs f, counting how it ends; anything thrown that is not a FormatError is a failure. */
function onlyFormatErrors(what: string, f: () => void, outcomes: Outcomes): void {
  try {
    f();
    outcomes.read++;
  } catch (error) {
    if (error instanceof FormatError) outcomes.rejected++;
    else
      outcomes.failures.push(`${what}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

/** Both outcomes must occur, or the mutations are not exercising the parser. */
function expectBoth(name: string, outcomes: Outcomes): void {
  console.log(`${name}: ${outcomes.read} read, ${outcomes.rejected} rejected with FormatError`);
  expect(outcomes.failures).toEqual([]);
  expect(outcomes.read).toBeGreaterThan(0);
  expect(outcomes.rejected).toBeGreaterThan(0);
}

const headerTexts = readdirSync(fixtures)
  .filter((name) => name.endsWith('.hea'))
  .map((name) => readFileSync(join(fixtures, name), 'latin1'))
  .concat([
    'm/3 2 125 20 10:00:00 01/01/2020\nlayout 0\n~ 10\nseg 10\n',
    'l 2 125 0\n~ 0 100/mV 12 0 0 0 0 II\n~ 0 1/mmHg 9 0 0 0 0 ABP\n',
  ]);

const annotationFiles = ['100.atr', '1003.atr', '12726.anI', 'ludb-ecg.ii'].map((name) =>
  readFileSync(join(fixtures, name)),
);

describe('fuzzing with a fixed seed', () => {
  it('parses 2000 mutated headers with nothing thrown but FormatError', () => {
    const outcomes: Outcomes = { read: 0, rejected: 0, failures: [] };
    for (let i = 0; i < 2000; i++) {
      const text = mutateText(pick(headerTexts));
      const input = i % 2 === 0 ? text : Buffer.from(text, 'latin1');
      onlyFormatErrors(
        `header ${i} ${JSON.stringify(text.slice(0, 200))}`,
        () => parseInfoFields(parseHeader(input, 'fuzz.hea').info),
        outcomes,
      );
    }
    expectBoth('headers', outcomes);
  });

  it('decodes 2000 mutated annotation files with nothing thrown but FormatError, and re-encodes what decodes', () => {
    const outcomes: Outcomes = { read: 0, rejected: 0, failures: [] };
    for (let i = 0; i < 2000; i++) {
      const bytes = mutateBytes(pick(annotationFiles));
      onlyFormatErrors(
        `annotations ${i}`,
        () => {
          const decoded = decodeAnnotations(bytes, 'fuzz.atr');
          // What decodes must encode again (the writer takes every field the reader gives).
          decodeAnnotations(writeAnnotations(decoded.all));
        },
        outcomes,
      );
    }
    expectBoth('annotation files', outcomes);
  });

  it('opens and reads 600 records with mutated headers and signal files with nothing thrown but FormatError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfdb-fuzz-'));
    try {
      const records = [
        { header: 'binformats.hea', files: readdirSync(fixtures).filter((n) => n.startsWith('binformats.d')) },
        { header: 'test01_00s_skewframe.hea', files: ['test01_00s.dat'] },
        { header: '100_3chan.hea', files: ['100_3chan.dat'] },
        { header: '310derive_3.hea', files: ['310derive_3.dat'] },
        { header: '311derive_3.hea', files: ['311derive_3.dat'] },
        { header: '3000003_0003.hea', files: ['3000003_0003.dat'] },
      ];
      // A small variable-layout record, written here, for the multi-segment reader.
      const segment = writeSignals({
        recordName: 'seg',
        samplingFrequency: 125,
        format: 212,
        signals: [
          { name: 'II', units: 'mV', gain: 100, baseline: 0, samples: Array.from({ length: 10 }, (_, k) => k) },
        ],
      });
      const multi = {
        'm.hea': 'm/3 2 125 20 10:00:00 01/01/2020\nlayout 0\n~ 10\nseg 10\n',
        'layout.hea': 'layout 2 125 0\n~ 0 100/mV 12 0 0 0 0 II\n~ 0 1/mmHg 9 0 0 0 0 ABP\n',
        'seg.hea': segment.header,
        'seg.dat': segment.data,
      };

      const outcomes: Outcomes = { read: 0, rejected: 0, failures: [] };
      for (let i = 0; i < 600; i++) {
        for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true });
        let headerPath: string;
        if (i % 6 === 5) {
          const target = pick(Object.keys(multi)) as keyof typeof multi;
          for (const [name, content] of Object.entries(multi)) {
            const mutated =
              name !== target ? content : typeof content === 'string' ? mutateText(content) : mutateBytes(content);
            writeFileSync(join(dir, name), mutated);
          }
          headerPath = join(dir, 'm.hea');
        } else {
          const record = pick(records);
          headerPath = join(dir, record.header);
          const text = readFileSync(join(fixtures, record.header), 'latin1');
          writeFileSync(headerPath, random() < 0.5 ? Buffer.from(mutateText(text), 'latin1') : text);
          for (const file of record.files) {
            if (random() < 0.5) writeFileSync(join(dir, file), mutateBytes(readFileSync(join(fixtures, file))));
            else copyFileSync(join(fixtures, file), join(dir, file));
          }
          writeFileSync(join(dir, record.header.replace(/\.hea$/, '.atr')), mutateBytes(pick(annotationFiles)));
        }
        onlyFormatErrors(
          `record ${i} (${headerPath})`,
          () => {
            const record = openWfdbRecord(headerPath);
            try {
              record.channels.forEach((channel, c) => {
                const count = Math.min(channel.sampleCount, 2000);
                record.readSamples(c, 0, count);
                record.readSamples(c, channel.sampleCount - count, count);
              });
              record.annotations();
              record.verify();
            } finally {
              record.close();
            }
          },
          outcomes,
        );
      }
      expectBoth('records', outcomes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
