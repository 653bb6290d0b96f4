import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../test/support/sample-data';
import { readAnnotationTarget } from '../../test/support/wfdb-samples';
import { splitCsvLine } from '../formats/csv/csv-cells';
import { openEdfRecord } from '../formats/edf';
import { decodeAnnotations, readAnnotations } from '../formats/wfdb';
import { insertRecord, listAnnotations, openStudy, readChannelSamples, type Study } from '../store';
import { exportRecordAnnotations, loadExportContent, type ExportFormat } from './index';
import { mitAnnotationFile } from './wfdb';
import {
  ANALYST,
  createExportStudy,
  PLANTED_INFO,
  PLANTED_NAME,
  present,
  type ExportStudy,
} from './testing/export-study';

let fixture: ExportStudy;
let study: Study;
let outDir: string;
beforeAll(async () => {
  fixture = await createExportStudy();
  study = openStudy(fixture.study);
  outDir = join(fixture.dir, 'out');
  mkdirSync(outDir);
});
afterAll(() => {
  study.close();
  fixture.remove();
});

function exportTo(format: ExportFormat, name: string, identified = false): string {
  const out = join(outDir, name);
  exportRecordAnnotations(study.db, { record: String(fixture.recordId), format, out, identified, actor: 'tester' });
  return out;
}

const stored = () => listAnnotations(study.db, fixture.recordId);
const exportRows = (): number =>
  study.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export'").pluck().get() as number;

describe('the fixture record', () => {
  it("holds the first 38 annotations of rdann's output for record 100, plus the analyst's three", () => {
    const target = readAnnotationTarget(join(fixturesDir('wfdb'), 'target-output', 'ann-1')).filter(
      (a) => a.sample < 10800,
    );
    const imported = stored().filter((a) => a.source === 'imported');
    expect(target).toHaveLength(38);
    expect(imported.map((a) => [a.sample, a.symbol, a.subtype, a.channel, a.aux ?? ''])).toEqual(
      target.map((a) => [a.sample, a.symbol, a.subtype, a.chan, a.aux]),
    );
    expect(stored().filter((a) => a.author === ANALYST)).toHaveLength(3);
  });
});

describe('CSV and JSON exports', () => {
  it('CSV: one row per stored annotation, every field as the store has it', () => {
    const lines = readFileSync(exportTo('csv', 'identified.csv', true), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(
      'time_s,sample,end_sample,channel,channel_name,label,code,subtype,aux,author,source,created_at,edited_at',
    );
    const rows = lines.slice(1).map((line) => {
      const cells: string[] = [];
      expect(splitCsvLine(line, cells)).toBe(0);
      return cells;
    });
    const orNull = (cell: string): string | null => (cell === '' ? null : cell);
    const number = (cell: string): number | null => (cell === '' ? null : Number(cell));
    const read = rows.map(
      ([, sample, end, channel, name, label, code, subtype, aux, author, source, created, edited]) => ({
        sample: Number(sample),
        endSample: number(end ?? ''),
        channel: number(channel ?? ''),
        channelName: name,
        symbol: label,
        code: number(code ?? ''),
        subtype: Number(subtype),
        aux: orNull(aux ?? ''),
        author,
        source,
        createdAt: created,
        updatedAt: edited,
      }),
    );
    const channelNames = ['MLII', 'V5', ''];
    expect(read).toEqual(stored().map(({ id: _id, ...a }) => ({ ...a, channelName: channelNames[a.channel ?? 2] })));
    rows.forEach((r) => expect(Math.abs(Number(r[0]) - Number(r[1]) / 360)).toBeLessThan(1e-6));
  });

  it('JSON: the record id, its rate and the annotations exactly as the store lists them', () => {
    const document = JSON.parse(readFileSync(exportTo('json', 'identified.json', true), 'utf8')) as {
      record: { id: number; name: string; info: string[]; channels: { name: string }[] };
      samplingRateHz: number;
      deidentified: boolean;
      annotations: unknown;
    };
    expect(document.record).toMatchObject({ id: fixture.recordId, name: '100x' });
    expect(document.record.channels.map((c) => c.name)).toEqual(['MLII', 'V5']);
    expect(document.record.info).toContain(PLANTED_INFO);
    expect(document.samplingRateHz).toBe(360);
    expect(document.deidentified).toBe(false);
    expect(document.annotations).toEqual(stored());
  });
});

describe('WFDB annotation export', () => {
  it('reads back with the WFDB reader as the same annotations; uncoded labels as NOTE or a ( ) segment', () => {
    const back = readAnnotations(exportTo('wfdb', '100x.atr', true));
    expect(back.warnings).toEqual([]);
    const expected = stored().flatMap((a) => {
      const chan = a.channel ?? 255;
      if (a.code !== null) return [{ sample: a.sample, code: a.code, subtype: a.subtype, chan, text: a.aux }];
      const text = a.aux === null ? a.symbol : `${a.symbol} ${a.aux}`;
      if (a.endSample === null) return [{ sample: a.sample, code: 22, subtype: 0, chan, text }];
      return [
        { sample: a.sample, code: 39, subtype: 0, chan, text },
        { sample: a.endSample, code: 40, subtype: 0, chan, text: null },
      ];
    });
    expect(
      back.annotations.map(({ sample, code, subtype, chan, text }) => ({ sample, code, subtype, chan, text })),
    ).toEqual(expected.sort((x, y) => x.sample - y.sample));
    expect(back.annotations.filter((a) => a.code === 8).map((a) => a.symbol)).toEqual(['A']);
    expect(back.annotations.find((a) => a.sample === 1000)?.text).toBe(`noisy ${PLANTED_NAME} moved`);
  });

  it("writes a code's own label (from a source's label table) into the file's table", () => {
    const content = loadExportContent(study.db, String(fixture.recordId));
    const beat = present(stored()[1]);
    const custom = { ...content, annotations: [{ ...beat, code: 42, symbol: 'z' }] };
    const back = decodeAnnotations(mitAnnotationFile(custom));
    expect(back.labels).toEqual([{ code: 42, symbol: 'z', description: '' }]);
    expect(back.annotations.map((a) => [a.sample, a.code, a.symbol])).toEqual([[beat.sample, 42, 'z']]);
  });
});

describe('EDF+ export', () => {
  it('reads back with the EDF reader: the signals, and the annotations within one sample', () => {
    const record = openEdfRecord(exportTo('edf', '100x.edf', true));
    try {
      expect(record.edf.variant).toBe('continuous');
      expect(record.frameRateHz).toBe(360);
      expect(record.channels.map((c) => [c.name, c.units, c.samplingRateHz])).toEqual([
        ['MLII', 'mV', 360],
        ['V5', 'mV', 360],
      ]);
      const source = loadExportContent(study.db, String(fixture.recordId)).record.channels;
      source.forEach((channel, index) => {
        const info = present(record.edf.signals[index]);
        const step = (info.physicalMax - info.physicalMin) / 65535;
        const original = readChannelSamples(study.db, channel.id, 0, channel.sampleCount);
        const back = record.readSamples(index, 0, channel.sampleCount);
        const c = present(record.channels[index]);
        original.forEach((digital, i) => {
          const physical = (digital - channel.baseline) / channel.gain;
          expect(Math.abs((present(back[i]) - c.baseline) / c.gain - physical)).toBeLessThanOrEqual(step / 2 + 1e-9);
        });
      });
      const annotations = record.annotations();
      const expected = stored();
      expect(annotations).toHaveLength(expected.length);
      const byOnset = [...annotations].sort((x, y) => x.sample - y.sample);
      expected.forEach((a, i) => {
        const b = present(byOnset[i]);
        expect(Math.abs(b.sample - a.sample)).toBeLessThanOrEqual(1);
        if (a.endSample === null || b.endSample === null) expect(b.endSample).toBe(a.endSample);
        else expect(Math.abs(b.endSample - a.endSample)).toBeLessThanOrEqual(1);
        expect(b.symbol).toBe(a.aux === null ? a.symbol : `${a.symbol} ${a.aux}`);
        expect(b.channel).toBe(a.channel);
      });
    } finally {
      record.close();
    }
  });
});

describe('de-identification', () => {
  const formats: [ExportFormat, string][] = [
    ['csv', 'csv'],
    ['json', 'json'],
    ['wfdb', 'atr'],
    ['edf', 'edf'],
  ];

  it.each(formats)('%s: the planted name and birth date are gone unless --identified', (format, extension) => {
    const deidentified = readFileSync(exportTo(format, `plain.${extension}`), 'latin1');
    const identified = readFileSync(exportTo(format, `named.${extension}`, true), 'latin1');
    expect(identified).toContain(PLANTED_NAME);
    expect(deidentified).not.toContain(PLANTED_NAME);
    expect(deidentified).not.toContain('1950');
    expect(deidentified).not.toContain('Aldomet');
    // A standard rhythm code is not free text: it stays.
    expect(deidentified).toContain('(N');
  });

  it('keeps every annotation, and the labels, leaving out only the notes', () => {
    const document = JSON.parse(readFileSync(exportTo('json', 'plain-check.json'), 'utf8')) as {
      record: { info: string[] };
      deidentified: boolean;
      annotations: { sample: number; symbol: string; aux: string | null }[];
    };
    expect(document.deidentified).toBe(true);
    expect(document.record.info).toEqual([]);
    expect(document.annotations.map((a) => [a.sample, a.symbol])).toEqual(stored().map((a) => [a.sample, a.symbol]));
    expect(document.annotations.filter((a) => a.aux !== null).map((a) => a.aux)).toEqual(['(N']);
  });
});

describe('the audit trail and failed exports', () => {
  it('records every export: format, file name, count and whether it was de-identified', () => {
    const before = exportRows();
    exportTo('csv', 'audited.csv');
    exportTo('wfdb', 'audited.atr', true);
    const rows = study.db
      .prepare("SELECT actor, entity, entity_id, details FROM audit_log WHERE action = 'export' ORDER BY id")
      .all() as { actor: string; entity: string; entity_id: string; details: string }[];
    expect(rows).toHaveLength(before + 2);
    expect(rows.slice(-2).map((r) => ({ ...r, details: JSON.parse(r.details) as unknown }))).toEqual([
      {
        actor: 'tester',
        entity: 'record',
        entity_id: String(fixture.recordId),
        details: { format: 'csv', file: 'audited.csv', count: 41, deidentified: true },
      },
      {
        actor: 'tester',
        entity: 'record',
        entity_id: String(fixture.recordId),
        details: { format: 'wfdb', file: 'audited.atr', count: 41, deidentified: false },
      },
    ]);
  });

  it('refuses a missing folder, naming it, and writes nothing', () => {
    const before = exportRows();
    const missing = join(fixture.dir, 'no-such-folder');
    expect(() => exportTo('csv', join('..', 'no-such-folder', 'x.csv'))).toThrow(
      expect.objectContaining({ kind: 'not-found', message: `${missing}/x.csv: the folder ${missing} does not exist` }),
    );
    expect(readdirSync(fixture.dir)).not.toContain('no-such-folder');
    expect(exportRows()).toBe(before);
  });

  it('leaves no file and no audit row when the study cannot take the audit row (file already written)', () => {
    const folder = join(fixture.dir, 'busy');
    mkdirSync(folder);
    const before = exportRows();
    const other = new Database(fixture.study);
    study.db.pragma('busy_timeout = 0');
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      expect(() =>
        exportRecordAnnotations(study.db, {
          record: '100x',
          format: 'edf',
          out: join(folder, 'x.edf'),
          identified: false,
          actor: 'tester',
        }),
      ).toThrow(/locked|busy/);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
      study.db.pragma('busy_timeout = 5000');
    }
    expect(readdirSync(folder)).toEqual([]);
    expect(exportRows()).toBe(before);
  });

  it('names the record and format when the format cannot hold the record, and leaves nothing', () => {
    const folder = join(fixture.dir, 'hourly');
    mkdirSync(folder);
    insertRecord(study.db, {
      name: 'hourly-vitals',
      source: 'mimic3',
      patientExternalId: '10006',
      startTime: '2164-10-23T21:10:15',
      frameRateHz: 1 / 3600,
      sampleCount: 3,
      sourcePath: null,
      channels: [
        {
          name: 'HR',
          units: 'bpm',
          gain: 1,
          baseline: 0,
          adcResolution: null,
          samplingRateHz: 1 / 3600,
          sampleCount: 3,
        },
      ],
    });
    const before = exportRows();
    expect(() =>
      exportRecordAnnotations(study.db, {
        record: 'hourly-vitals',
        format: 'edf',
        out: join(folder, 'hourly.edf'),
        identified: false,
        actor: 'tester',
      }),
    ).toThrow(/^record hourly-vitals as edf: No record of 1–60 s holds a whole number of samples/);
    expect(readdirSync(folder)).toEqual([]);
    expect(exportRows()).toBe(before);
  });

  const root = process.getuid?.() === 0;
  if (root) console.log('skipped the read-only folder test: running as root, which may write into any folder');
  it.skipIf(root)('refuses a folder it may not write into, saying so, and leaves nothing', () => {
    const folder = join(fixture.dir, 'read-only');
    mkdirSync(folder);
    chmodSync(folder, 0o500);
    const before = exportRows();
    try {
      expect(() => exportTo('json', join('..', 'read-only', 'x.json'))).toThrow(
        expect.objectContaining({
          kind: 'bad-input',
          message: `cannot write ${join(folder, 'x.json')}: permission denied`,
        }),
      );
    } finally {
      chmodSync(folder, 0o700);
    }
    expect(readdirSync(folder)).toEqual([]);
    expect(exportRows()).toBe(before);
  });
});
