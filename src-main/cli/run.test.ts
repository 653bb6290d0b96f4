import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempStudy, sampleRecords, type TempStudy } from '../../test/support/temp-study';
import { findRecord, insertAnnotations, openStudy } from '../store';
import { salience as cli } from '../../test/support/run-cli';

let temp: TempStudy;
beforeAll(() => {
  temp = createTempStudy();
});
afterAll(() => temp.remove());

describe('salience CLI', () => {
  it('describes its commands with --help', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}records +list a study's records$/m);
    expect(out).toMatch(/^ {2}serve +browser mode/m);
    expect(out).toContain('Exit codes: 0 success, 1 error');
  });

  it('describes each command’s options', async () => {
    const { code, out } = await cli('records', '--help');
    expect(code).toBe(0);
    expect(out).toContain('Usage: salience records --study S [--search TEXT] [--json]');
    expect(out).toMatch(/--study S +the study file \(required\)/);
  });

  it('lists records as a table and as one JSON object', async () => {
    const table = await cli('records', '--study', temp.path);
    expect(table.code).toBe(0);
    const lines = table.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +record +source +patient +channels +rate \(Hz\) +samples +duration +annotations$/);
    expect(lines).toHaveLength(sampleRecords.length + 1);
    expect(table.out).toMatch(/\b100 +wfdb +mitdb-100 +2 +360 +650000 +30:05\.6 +0\b/);

    const json = await cli('records', '--study', temp.path, '--json', '--search', 'edf');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { records: { name: string }[] };
    expect(parsed.records.map((r) => r.name)).toEqual(['test_generator']);
  });

  it('exits 1 with a salience: message naming a missing study', async () => {
    const missing = join(temp.dir, 'absent.sqlite');
    const { code, err, out } = await cli('records', '--study', missing, '--json');
    expect(code).toBe(1);
    expect(err).toBe(`salience: ${missing}: no such study ('salience serve --study PATH' creates a new one)\n`);
    expect(JSON.parse(out)).toMatchObject({ error: { kind: 'not-found' } });
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli()).code).toBe(2);
    const unknown = await cli('frobnicate');
    expect(unknown).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^salience: unknown command 'frobnicate'/) as string,
    });
    const noStudy = await cli('records');
    expect(noStudy).toMatchObject({ code: 2, err: expect.stringContaining('--study is required') as string });
    const badOption = await cli('records', '--study', temp.path, '--colour');
    expect(badOption.code).toBe(2);
    expect(badOption.err).toContain("Unknown option '--colour'");
    const badPort = await cli('serve', '--study', temp.path, '--port', 'eighty');
    expect(badPort).toMatchObject({
      code: 2,
      err: expect.stringContaining('--port: expected a port number') as string,
    });
  });
});

describe('salience annotations', () => {
  it("lists a record's annotations by id or name", async () => {
    const withAnnotations = createTempStudy();
    try {
      const study = openStudy(withAnnotations.path);
      insertAnnotations(
        study.db,
        findRecord(study.db, '100').id,
        [
          { sample: 18, endSample: null, channel: null, code: 28, symbol: '+', subtype: 0, aux: '(N' },
          { sample: 77, endSample: null, channel: 0, code: 1, symbol: 'N', subtype: 0, aux: null },
        ],
        { author: 'mitdb', source: 'imported' },
      );
      study.close();
      const byName = await cli('annotations', '100', '--study', withAnnotations.path);
      expect(byName.code).toBe(0);
      expect(byName.out).toMatch(/^18 +all +\+ +\(N +mitdb +imported$/m);
      expect(byName.out).toMatch(/^77 +MLII +N +mitdb +imported$/m);
      const json = await cli('annotations', '1', '--study', withAnnotations.path, '--json');
      expect((JSON.parse(json.out) as { annotations: unknown[] }).annotations).toHaveLength(2);
      const missing = await cli('annotations', 'nope', '--study', withAnnotations.path);
      expect(missing).toMatchObject({ code: 1, err: "salience: no record 'nope' in this study\n" });
      expect((await cli('annotations', '--study', withAnnotations.path)).code).toBe(2);
    } finally {
      withAnnotations.remove();
    }
  });

  it('refuses positional arguments where a command takes none', async () => {
    const result = await cli('records', 'extra', '--study', temp.path);
    expect(result).toMatchObject({ code: 2, err: expect.stringContaining("unexpected argument 'extra'") as string });
  });
});
