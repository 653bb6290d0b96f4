import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../test/support/sample-data';
import { createTempStudy, type TempStudy } from '../../test/support/temp-study';
import { buildJobBundles, type JobBundles } from '../jobs/testing/build-job-bundles';
import type { Shell } from '../app/about';
import { RecentStudies } from '../app/recent-studies';
import { openStudy } from '../store';
import { dispatch } from './dispatch';
import type { ApiEventName } from './method-names';
import { StudyHost, type DesktopShell } from './study-host';

const hea = join(fixturesDir('wfdb'), '100_3chan.hea');
let bundles: JobBundles;
let temp: TempStudy;
const hosts: StudyHost[] = [];

beforeAll(async () => {
  bundles = await buildJobBundles();
});
afterAll(() => bundles.remove());
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  temp.remove();
});

async function hostOn(shell: Shell, desktop?: DesktopShell, recent?: RecentStudies): Promise<StudyHost> {
  temp = createTempStudy();
  const host = await StudyHost.open(temp.path, {
    shell,
    jobs: { actor: 'tester', workerUrl: bundles.worker, progressIntervalMs: 0 },
    ...(desktop === undefined ? {} : { desktop }),
    ...(recent === undefined ? {} : { recent }),
  });
  hosts.push(host);
  return host;
}

function eventsOf(host: StudyHost): { name: ApiEventName; payload: unknown }[] {
  const seen: { name: ApiEventName; payload: unknown }[] = [];
  host.service.events.onAny((name, payload) => seen.push({ name, payload }));
  return seen;
}

describe('opening another study from the page (browser mode)', () => {
  it('creates a new study, serves it, tells every client, and opens the first one again', async () => {
    const host = await hostOn('browser');
    const { api } = host.service;
    const first = await api.getStudy({});
    const seen = eventsOf(host);
    const newPath = join(temp.dir, 'second.sqlite');

    const created = await api.openStudy({ path: newPath, create: true });
    expect(created).toMatchObject({ path: newPath, name: 'second', recordCount: 0 });
    expect((await api.listRecords({})).records).toEqual([]);
    expect(seen.filter((e) => e.name === 'studyChanged').map((e) => e.payload)).toEqual([created]);

    const again = await api.openStudy({ path: first.path, create: false });
    expect(again).toEqual(first);
    expect((await api.listRecords({})).records.map((r) => r.name)).toContain('100');
    expect(host.study.path).toBe(first.path);
  });

  it('refuses a missing file, a file in the way of a new study and a file that is no study, and keeps the open one', async () => {
    const host = await hostOn('browser');
    const { api } = host.service;
    const before = await api.getStudy({});
    const seen = eventsOf(host);
    const notStudy = join(temp.dir, 'notes.txt');
    writeFileSync(notStudy, 'not a database, just notes\n');

    const missing = await dispatch(api, 'openStudy', { path: join(temp.dir, 'missing.sqlite'), create: false });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(existsSync(join(temp.dir, 'missing.sqlite'))).toBe(false);

    const inTheWay = await dispatch(api, 'openStudy', { path: notStudy, create: true });
    expect(inTheWay).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(inTheWay.ok ? '' : inTheWay.error.message).toContain(`${notStudy}: a file is already there`);

    const foreign = await dispatch(api, 'openStudy', { path: notStudy, create: false });
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(foreign.ok ? '' : foreign.error.message).toContain(notStudy);
    expect(readFileSync(notStudy, 'utf8')).toBe('not a database, just notes\n');

    const relative = await dispatch(api, 'openStudy', { path: 'study.sqlite', create: true });
    expect(relative).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });

    expect(await api.getStudy({})).toEqual(before);
    expect(seen).toEqual([]);
  });

  it('switches one at a time, in the order asked', async () => {
    const host = await hostOn('browser');
    const { api } = host.service;
    const [a, b] = [join(temp.dir, 'a.sqlite'), join(temp.dir, 'b.sqlite')];
    const [openedA, openedB] = await Promise.all([
      api.openStudy({ path: a, create: true }),
      api.openStudy({ path: b, create: true }),
    ]);
    expect([openedA.path, openedB.path]).toEqual([a, b]);
    expect((await api.getStudy({})).path).toBe(b);
  });

  it('has no dialog to open', async () => {
    const { api } = (await hostOn('browser')).service;
    for (const method of ['chooseStudy', 'importChosenFiles'] as const) {
      const outcome = await dispatch(api, method, method === 'chooseStudy' ? { create: false } : {});
      expect(outcome.ok ? '' : outcome.error.message).toContain('browser mode has no file dialog');
    }
  });
});

describe("the desktop app's dialogs", () => {
  it('take paths only from the native dialogs: imports and studies', async () => {
    const imports: string[][] = [[], [hea]];
    const studies: (string | null)[] = [null];
    const desktop: DesktopShell = {
      chooseImportFiles: () => Promise.resolve(imports.shift() ?? []),
      chooseStudyFile: () => Promise.resolve(studies.shift() ?? null),
    };
    const host = await hostOn('electron', desktop);
    const { api } = host.service;

    for (const [method, params] of [
      ['startImport', { paths: [hea] }],
      ['openStudy', { path: join(temp.dir, 'typed.sqlite'), create: true }],
    ] as const) {
      const refused = await dispatch(api, method, params);
      expect(refused.ok ? '' : refused.error.message).toContain('only from its own dialogs');
    }
    expect(existsSync(join(temp.dir, 'typed.sqlite'))).toBe(false);

    expect(await api.importChosenFiles({})).toBeNull();
    const job = await api.importChosenFiles({});
    expect(job).toMatchObject({ kind: 'import', params: { paths: [hea] } });
    expect(await host.jobs.settled(job?.id ?? -1)).toMatchObject({ status: 'succeeded' });

    expect(await api.chooseStudy({ create: false })).toBeNull();
    const chosen = join(temp.dir, 'chosen.sqlite');
    studies.push(chosen);
    expect(await api.chooseStudy({ create: true })).toMatchObject({ path: chosen, recordCount: 0 });
    expect(host.study.path).toBe(chosen);
  });
});

describe('the recent studies', () => {
  it('remember every study opened, newest first, and open one again by its place in the list, in either shell', async () => {
    const desktop: DesktopShell = {
      chooseImportFiles: () => Promise.resolve([]),
      chooseStudyFile: () => Promise.resolve(null),
    };
    const listFile = join(mkdtempSync(join(tmpdir(), 'salience-recent-')), 'recent.json');
    const host = await hostOn('electron', desktop, new RecentStudies(listFile));
    const { api } = host.service;
    const first = temp.path;
    // Another study, opened before by another run of the app.
    const second = join(temp.dir, 'second.sqlite');
    openStudy(second, { create: true }).close();
    new RecentStudies(listFile).remember(second);
    const opened = await api.openRecentStudy({ index: 0 });
    expect(opened.path).toBe(second);
    expect((await api.listRecentStudies({})).studies).toMatchObject([
      { path: second, name: 'second', exists: true },
      { path: first, name: 'study', exists: true },
    ]);
    expect((await api.openRecentStudy({ index: 1 })).path).toBe(first);
    const beyond = await dispatch(api, 'openRecentStudy', { index: 5 });
    expect(beyond).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    rmSync(dirname(listFile), { recursive: true, force: true });
  });

  it('never keep a study from opening when the list cannot be written', async () => {
    const host = await hostOn('browser', undefined, new RecentStudies(join(hea, 'recent.json')));
    const created = await host.service.api.openStudy({ path: join(temp.dir, 'b.sqlite'), create: true });
    expect(created.name).toBe('b');
    expect((await host.service.api.listRecentStudies({})).studies).toEqual([]);
  });
});
