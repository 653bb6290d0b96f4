import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECENT_STUDIES_KEPT, RecentStudies } from './recent-studies';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-recent-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the recent studies list', () => {
  it('keeps the newest first, once each, and says which files are gone', () => {
    const file = join(dir, 'config', 'recent-studies.json');
    const recent = new RecentStudies(file);
    expect(recent.list()).toEqual([]);
    const [a, b] = [join(dir, 'a.sqlite'), join(dir, 'b.sqlite')];
    writeFileSync(a, '');
    recent.remember(a, new Date('2026-11-26T09:00:00Z'));
    recent.remember(b, new Date('2026-11-26T09:01:00Z'));
    recent.remember(a, new Date('2026-11-26T09:02:00Z'));
    expect(new RecentStudies(file).list()).toEqual([
      { path: a, openedAt: '2026-11-26T09:02:00.000Z', exists: true },
      { path: b, openedAt: '2026-11-26T09:01:00.000Z', exists: false },
    ]);
  });

  it(`keeps the last ${RECENT_STUDIES_KEPT}`, () => {
    const recent = new RecentStudies(join(dir, 'recent.json'));
    const paths = Array.from({ length: RECENT_STUDIES_KEPT + 3 }, (_, i) => join(dir, `s${i}.sqlite`));
    for (const path of paths) recent.remember(path);
    expect(recent.list().map((s) => s.path)).toEqual(paths.slice(3).reverse());
  });

  it('reads a damaged list as empty and writes a good one over it', () => {
    const file = join(dir, 'recent.json');
    const recent = new RecentStudies(file);
    for (const damaged of ['{"studies": [', '{"studies": [{"path": 3}]}', 'null']) {
      writeFileSync(file, damaged);
      expect(recent.list()).toEqual([]);
    }
    recent.remember(join(dir, 'a.sqlite'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ studies: [{ path: join(dir, 'a.sqlite') }] });
  });
});
