import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudy, type Study } from '../../src-main/store';
import { salience } from '../support/run-cli';
import { seededRandom } from '../support/seeded-random';

/**
 * The importers' property (damaged files end in a FormatError) seen from the command line:
 * `salience import` of a damaged file either imports one whole record, or exits 1 with a
 * `salience: ` message naming one of the record's files, the study unchanged. An 'internal'
 * error kind would be an exception the importer did not expect.
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const CASES_PER_FORMAT = 40;

interface RecordFiles {
  /** The path given to `salience import`. */
  entry: string;
  /** Every file of the record, any of which the message may name. */
  names: readonly string[];
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const fixture = (path: string): Buffer => readFileSync(join(fixtures, path));

const TEXT_PIECES = ['', ' ', ',', '"', '\n', '#', '/', '(', 'x', '-', '.', 'e', '0', '9', '999999999', 'NaN'];
const BYTES = [0x00, 0x20, 0x2d, 0x2e, 0x30, 0x39, 0x65, 0x7f, 0x80, 0xff];
const EDF_FIELDS = ['-1', '0', '99999999', '1e308', '', 'NaN', '+5', '-32768'];

function damageText(random: Random, text: string): string {
  let out = text;
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const at = Math.floor(random() * (out.length + 1));
    out = out.slice(0, at) + pick(random, TEXT_PIECES) + out.slice(at + (random() < 0.5 ? 1 : 0));
  }
  return random() < 0.15 ? out.slice(0, Math.floor(random() * out.length)) : out;
}

function damageBytes(random: Random, bytes: Buffer, within = bytes.length): Buffer {
  const out = Buffer.from(bytes);
  if (random() < 0.2) return out.subarray(0, Math.floor(random() * out.length));
  for (let n = 1 + Math.floor(random() * 6); n > 0; n--) out[Math.floor(random() * within)] = pick(random, BYTES);
  return out;
}

/** EDF headers are fixed-width ASCII fields: damage a field as a whole, or bytes anywhere. */
function damageEdf(random: Random, bytes: Buffer): Buffer {
  const headerBytes = 256 * (1 + Number(bytes.toString('latin1', 252, 256)));
  if (random() < 0.5) return damageBytes(random, bytes, random() < 0.7 ? headerBytes : bytes.length);
  const out = Buffer.from(bytes);
  out.write(pick(random, EDF_FIELDS).padEnd(8, ' '), 8 * Math.floor((random() * headerBytes) / 8), 'latin1');
  return out;
}

/** test_generator.bdf cut to its first 2 data records, so that each case stays small. */
function smallBdf(): Buffer {
  const bytes = Buffer.from(fixture('edf/test_generator.bdf').subarray(0, 256 * 7 + 2 * 12936));
  bytes.write('2       ', 236, 'latin1');
  return bytes;
}

/** Writes a damaged record into `dir`; `stem` makes its name unique in the study. */
const writers: Record<string, (random: Random, dir: string, stem: string) => RecordFiles> = {
  wfdb(random, dir, stem) {
    const header = fixture('wfdb/100_3chan.hea').toString('latin1').replaceAll('100_3chan', stem);
    const files: [string, Buffer, (content: Buffer) => Buffer][] = [
      [`${stem}.hea`, Buffer.from(header, 'latin1'), () => Buffer.from(damageText(random, header), 'latin1')],
      [`${stem}.dat`, fixture('wfdb/100_3chan.dat'), (content) => damageBytes(random, content)],
      [`${stem}.atr`, fixture('wfdb/100.atr'), (content) => damageBytes(random, content)],
    ];
    const damaged = Math.floor(random() * files.length);
    files.forEach(([name, content, damage], i) =>
      writeFileSync(join(dir, name), i === damaged ? damage(content) : content),
    );
    return { entry: join(dir, `${stem}.hea`), names: files.map(([name]) => name) };
  },
  edf(random, dir, stem) {
    const [extension, bytes] = pick(random, [
      ['edf', fixture('edf/test_uneven_samp.edf')],
      ['edf', fixture('edf/test_edfann.edf')],
      ['bdf', smallBdf()],
    ] as const);
    const name = `${stem}.${extension}`;
    writeFileSync(join(dir, name), damageEdf(random, bytes));
    return { entry: join(dir, name), names: [name] };
  },
  csv(random, dir, stem) {
    const name = `${stem}.csv`;
    const source = pick(random, ['seconds.csv', 'iso.csv', 'quoted.csv']);
    writeFileSync(join(dir, name), damageText(random, fixture(`csv/${source}`).toString('utf8')), 'utf8');
    return { entry: join(dir, name), names: [name] };
  },
};

let dir: string;
let studyPath: string;
let study: Study;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-import-fuzz-'));
  studyPath = join(dir, 'study.sqlite');
  study = openStudy(studyPath, { create: true });
});
afterAll(() => {
  study.close();
  rmSync(dir, { recursive: true, force: true });
});

const recordCount = (): number => study.db.prepare('SELECT count(*) FROM records').pluck().get() as number;

describe('salience import of damaged files', () => {
  for (const [index, [format, write]] of Object.entries(writers).entries()) {
    it(`${format}: ${CASES_PER_FORMAT} seeded cases end in one whole record or exit 1 naming the file`, async () => {
      const random = seededRandom(20261126 + index);
      const outcomes = { imported: 0, refused: 0 };
      const defects: string[] = [];
      for (let round = 0; round < CASES_PER_FORMAT; round++) {
        const caseDir = join(dir, `${format}-${round}`);
        mkdirSync(caseDir);
        const files = write(random, caseDir, `${format}${round}`);
        const before = recordCount();
        const result = await salience('import', files.entry, '--study', studyPath, '--json');
        const after = recordCount();
        const what = `${format} round ${round} (${basename(files.entry)})`;
        if (result.code === 0 && after === before + 1) {
          outcomes.imported++;
        } else if (result.code === 1) {
          outcomes.refused++;
          const { error } = JSON.parse(result.out) as { error: { kind: string; message: string } };
          if (error.kind === 'internal') defects.push(`${what}: unexpected ${error.message}`);
          if (!result.err.startsWith('salience: ')) defects.push(`${what}: stderr ${result.err}`);
          if (!files.names.some((name) => result.err.includes(name)))
            defects.push(`${what}: names no file: ${result.err}`);
          if (error.message.includes('is already in')) defects.push(`${what}: not unique: ${error.message}`);
          if (after !== before) defects.push(`${what}: the study went from ${before} to ${after} records`);
        } else {
          defects.push(`${what}: exit ${result.code} with ${after - before} new records: ${result.err}`);
        }
        rmSync(caseDir, { recursive: true });
      }
      expect(defects).toEqual([]);
      // Both ends must occur, or the damage does not exercise the importer.
      expect(outcomes.imported).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThanOrEqual(CASES_PER_FORMAT / 8);
      expect(study.db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }
});
