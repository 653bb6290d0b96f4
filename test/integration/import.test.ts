import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readNpy } from '../../src-main/engine/ir';
import { openWfdbRecord } from '../../src-main/formats/wfdb';
import { salience } from '../support/run-cli';
import {
  findRecord,
  listAnnotations,
  openStudy,
  readChannelSamples,
  readEnvelope,
  verifyAudit,
} from '../../src-main/store';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

let dir: string;
let studyPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-import-'));
  studyPath = join(dir, 'study.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function studyState(): { records: number; integrity: unknown } {
  const study = openStudy(studyPath);
  try {
    return {
      records: study.db.prepare('SELECT count(*) FROM records').pluck().get() as number,
      integrity: study.db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    study.close();
  }
}

/** Copies fixture files into the temporary folder, where a test may damage them. */
function copyFixtures(folder: string, names: readonly string[]): void {
  for (const name of names) copyFileSync(join(fixtures, folder, name), join(dir, name));
}

describe('salience import', () => {
  it('stores a WFDB record with samples equal to the reader’s, its envelope and an audit row', async () => {
    const hea = join(fixtures, 'wfdb', '100_3chan.hea');
    const result = await salience('import', hea, '--study', studyPath, '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    const study = openStudy(studyPath);
    try {
      const record = findRecord(study.db, '100_3chan');
      expect(record.channels.map((c) => c.name)).toEqual(['I', 'II', 'III']);
      const reader = openWfdbRecord(hea);
      record.channels.forEach((channel, index) => {
        const expected = reader.readSamples(index, 0, channel.sampleCount);
        expect(Array.from(readChannelSamples(study.db, channel.id, 0, channel.sampleCount))).toEqual(
          Array.from(expected),
        );
        const overview = readEnvelope(study.db, channel.id, 0, channel.sampleCount, 10);
        expect(Math.min(...overview.min)).toBe(Math.min(...expected));
        expect(Math.max(...overview.max)).toBe(Math.max(...expected));
      });
      reader.close();
      expect(verifyAudit(study.db)).toEqual({ ok: true, rows: 1 });
    } finally {
      study.close();
    }
  });

  it('finds the annotation files beside a WFDB header', async () => {
    copyFixtures('wfdb', ['100_3chan.hea', '100_3chan.dat']);
    copyFileSync(join(fixtures, 'wfdb', '100.atr'), join(dir, '100_3chan.atr'));
    expect((await salience('import', join(dir, '100_3chan.hea'), '--study', studyPath)).code).toBe(0);
    const study = openStudy(studyPath);
    const annotations = listAnnotations(study.db, findRecord(study.db, '100_3chan').id);
    study.close();
    expect(annotations).toHaveLength(2274);
    expect(annotations[0]).toMatchObject({ sample: 18, symbol: '+', aux: '(N', source: 'imported' });
  });

  it('imports EDF+ and CSV files in one command', async () => {
    const edf = join(fixtures, 'edf', 'test_subsecond.edf');
    const csv = join(fixtures, 'csv', 'seconds.csv');
    const result = await salience('import', edf, csv, '--study', studyPath);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^imported test_subsecond \(edf\) as record 1: .*, 4 annotations$/m);
    expect(result.out).toMatch(/^imported seconds \(csv\) as record 2/m);
    const study = openStudy(studyPath);
    const edfRecord = findRecord(study.db, 'test_subsecond');
    study.close();
    expect(edfRecord.startTime).toMatch(/^2020-01-24T04:05:56\.39453/);
  });
});

describe('a bad file leaves the study as it was', () => {
  beforeEach(async () => {
    expect((await salience('import', join(fixtures, 'wfdb', '100_3chan.hea'), '--study', studyPath)).code).toBe(0);
  });

  async function expectRefused(paths: readonly string[], message: RegExp): Promise<void> {
    const before = studyState();
    const result = await salience('import', ...paths, '--study', studyPath);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^salience: /);
    expect(result.err).toMatch(message);
    expect(studyState()).toEqual(before);
  }

  it('a truncated signal file', async () => {
    copyFixtures('wfdb', ['310derive.hea', '310derive.dat']);
    const dat = join(dir, '310derive.dat');
    writeFileSync(dat, readFileSync(dat).subarray(0, 100));
    await expectRefused([join(dir, '310derive.hea')], /310derive\.dat.*byte/);
  });

  it('a header with too few fields', async () => {
    writeFileSync(join(dir, 'short.hea'), 'short 1 360 1000\nshort.dat\n');
    await expectRefused([join(dir, 'short.hea')], /short\.hea:2/);
  });

  it('an unknown storage format', async () => {
    copyFixtures('wfdb', ['100_3chan.dat']);
    writeFileSync(join(dir, 'fmt.hea'), 'fmt 1 360 999\n100_3chan.dat 999 200(1024)/mV 11 1024 995 43172 0 I\n');
    await expectRefused([join(dir, 'fmt.hea')], /fmt\.hea:2.*999/);
  });

  it('an EDF whose header length does not match its signal count', async () => {
    copyFixtures('edf', ['test_subsecond.edf']);
    const edf = join(dir, 'test_subsecond.edf');
    const bytes = readFileSync(edf);
    bytes.write('1024    ', 184, 'ascii');
    writeFileSync(edf, bytes);
    await expectRefused([edf], /test_subsecond\.edf.*byte 184/);
  });

  it('a non-numeric CSV cell', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'time,II\n0,0.1\n0.004,abc\n');
    await expectRefused([join(dir, 'bad.csv')], /bad\.csv:3/);
  });

  it('a MIMIC-III table with a missing column', async () => {
    const tables = join(dir, 'tables');
    const source = join(fixtures, 'mimic3', 'tables');
    rmSync(tables, { recursive: true, force: true });
    for (const name of ['ADMISSIONS.csv', 'CHARTEVENTS.csv', 'PATIENTS.csv', 'labevents.csv']) {
      copyFileSync(join(source, name), join(dir, name));
    }
    copyFileSync(join(fixtures, 'mimic3', 'bad', 'ICUSTAYS-without-OUTTIME.csv'), join(dir, 'ICUSTAYS.csv'));
    await expectRefused([dir], /ICUSTAYS\.csv.*OUTTIME/);
  });

  it('a good file named together with a bad one', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'time,II\n0,0.1\n0.004,abc\n');
    await expectRefused([join(fixtures, 'csv', 'seconds.csv'), join(dir, 'bad.csv')], /bad\.csv:3/);
  });

  it('the same record twice', async () => {
    await expectRefused([join(fixtures, 'wfdb', '100_3chan.hea')], /record '100_3chan' \(wfdb\) is already in/);
  });
});

describe('salience signal', () => {
  it('writes a physical [T, D] window equal to the reader’s physical values', async () => {
    const hea = join(fixtures, 'wfdb', '100_3chan.hea');
    expect((await salience('import', hea, '--study', studyPath)).code).toBe(0);
    const out = join(dir, 'window.npy');
    const result = await salience(
      'signal',
      '100_3chan',
      '--study',
      studyPath,
      '--out',
      out,
      '--from',
      '0.5',
      '--to',
      '1.5',
      '--channels',
      'III,I',
      '--json',
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(result.out)).toMatchObject({
      shape: [360, 2],
      channels: ['III', 'I'],
      units: ['mV', 'mV'],
      startSample: 180,
    });
    const array = readNpy(readFileSync(out), out);
    expect(array.shape).toEqual([360, 2]);
    const reader = openWfdbRecord(hea);
    const [iii, i] = [reader.readSamples(2, 180, 360), reader.readSamples(0, 180, 360)];
    reader.close();
    for (let t = 0; t < 360; t++) {
      expect(array.data[2 * t]).toBeCloseTo(((iii[t] as number) - 1024) / 200, 6);
      expect(array.data[2 * t + 1]).toBeCloseTo(((i[t] as number) - 1024) / 200, 6);
    }
    const digital = await salience('signal', '1', '--study', studyPath, '--out', out, '--digital', '--channels', 'II');
    expect(digital.code).toBe(0);
    expect(readNpy(readFileSync(out), out).data[0]).toBe(1011);
  });

  it('names the channels it has when asked for one it lacks', async () => {
    expect((await salience('import', join(fixtures, 'wfdb', '100_3chan.hea'), '--study', studyPath)).code).toBe(0);
    const result = await salience(
      'signal',
      '100_3chan',
      '--study',
      studyPath,
      '--out',
      join(dir, 'x.npy'),
      '--channels',
      'V5',
    );
    expect(result).toMatchObject({
      code: 2,
      err: expect.stringContaining("has no channel 'V5'; it has I, II, III") as string,
    });
  });
});
