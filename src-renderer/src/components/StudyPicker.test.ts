import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiParams, RecentStudy, StudyInfo } from '$api/contract';
import type { PreloadBridge } from '$api/wire';
import { ApiCallError, apiContext, type ApiClient } from '../lib/api';
import StudyPicker from './StudyPicker.svelte';

// jsdom has <dialog> but not its modal methods; Chromium's are exercised by the e2e tests.
Object.assign(HTMLDialogElement.prototype, {
  showModal(this: HTMLDialogElement) {
    this.open = true;
  },
  close(this: HTMLDialogElement) {
    this.open = false;
    this.dispatchEvent(new Event('close'));
  },
});

const current: StudyInfo = { name: 'ward', path: '/studies/ward.sqlite', schemaVersion: 8, recordCount: 12 };
const other: StudyInfo = { name: 'icu', path: '/studies/icu.sqlite', schemaVersion: 8, recordCount: 0 };

/** The study calls: the dialog's answers in turn; typed paths answered by `typed`; `recent` listed. */
function fakeClient(
  dialogAnswers: (StudyInfo | null)[],
  typed: (params: ApiParams<'openStudy'>) => StudyInfo,
  recent: RecentStudy[] = [],
) {
  const asked: { method: string; params: object }[] = [];
  const used: Pick<ApiClient, 'openStudy' | 'chooseStudy' | 'listRecentStudies' | 'openRecentStudy'> = {
    listRecentStudies: () => Promise.resolve({ studies: recent }),
    openRecentStudy: (params) => {
      asked.push({ method: 'openRecentStudy', params });
      const chosen = recent[params.index];
      return Promise.resolve({ ...other, name: chosen?.name ?? '', path: chosen?.path ?? '' });
    },
    openStudy: (params) => {
      asked.push({ method: 'openStudy', params });
      return Promise.resolve().then(() => typed(params));
    },
    chooseStudy: (params) => {
      asked.push({ method: 'chooseStudy', params });
      return Promise.resolve(dialogAnswers.shift() ?? null);
    },
  };
  return { client: used as ApiClient, asked };
}

function renderPicker(fake: ReturnType<typeof fakeClient>): StudyInfo[] {
  const opened: StudyInfo[] = [];
  render(StudyPicker, {
    props: { study: current, onOpened: (study: StudyInfo) => opened.push(study) },
    context: apiContext(fake.client),
  });
  return opened;
}

afterEach(() => {
  delete window.salience;
});

describe('the study picker', () => {
  it('in the desktop app, opens or creates what the native dialogs choose and sends no path', async () => {
    window.salience = {} as PreloadBridge;
    const fake = fakeClient([null, other], () => current);
    const opened = renderPicker(fake);
    await userEvent.click(screen.getByRole('button', { name: 'Study: ward' }));
    expect(screen.getByText('/studies/ward.sqlite')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Open study…' }));
    await waitFor(() => expect(fake.asked).toHaveLength(1));
    expect(opened).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'New study…' }));
    await waitFor(() => expect(opened).toEqual([other]));
    expect(screen.getByRole('dialog', { hidden: true })).not.toHaveAttribute('open');
    expect(fake.asked).toEqual([
      { method: 'chooseStudy', params: { create: false } },
      { method: 'chooseStudy', params: { create: true } },
    ]);
  });

  it('in browser mode, opens the typed path on Enter, creates on Create, and shows why a path was refused', async () => {
    const fake = fakeClient([], ({ path, create }) => {
      if (path.endsWith('notes.txt')) {
        throw new ApiCallError('bad-input', `${path}: not a Salience study (file is not a database)`);
      }
      return { ...other, path, recordCount: create ? 0 : 3 };
    });
    const opened = renderPicker(fake);
    await userEvent.click(screen.getByRole('button', { name: 'Study: ward' }));
    const field = screen.getByRole('textbox', { name: 'Study file' });
    expect(screen.getByRole('button', { name: 'Open' })).toBeDisabled();

    await userEvent.type(field, '/data/notes.txt{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('/data/notes.txt: not a Salience study'),
    );
    expect(opened).toEqual([]);

    await userEvent.clear(field);
    await userEvent.type(field, '  /studies/new.sqlite ');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(opened).toHaveLength(1));
    expect(opened[0]).toMatchObject({ path: '/studies/new.sqlite', recordCount: 0 });
    expect(fake.asked.map((a) => a.params)).toEqual([
      { path: '/data/notes.txt', create: false },
      { path: '/studies/new.sqlite', create: true },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers the recent studies but the open one, the moved ones greyed, and opens one by its place in the list', async () => {
    const recent: RecentStudy[] = [
      { path: current.path, name: 'ward', openedAt: '2026-11-26T09:00:00.000Z', exists: true },
      { path: '/studies/gone.sqlite', name: 'gone', openedAt: '2026-11-25T09:00:00.000Z', exists: false },
      { path: '/studies/icu.sqlite', name: 'icu', openedAt: '2026-11-24T09:00:00.000Z', exists: true },
    ];
    const fake = fakeClient([], () => current, recent);
    const opened = renderPicker(fake);
    await userEvent.click(screen.getByRole('button', { name: 'Study: ward' }));
    const list = await screen.findByRole('list', { name: 'Recent studies' });
    expect([...list.querySelectorAll('button')].map((b) => [b.textContent, b.disabled])).toEqual([
      ['gone', true],
      ['icu', false],
    ]);
    expect(list.textContent).toContain('moved or deleted');
    await userEvent.click(screen.getByRole('button', { name: 'icu' }));
    await waitFor(() => expect(opened.map((s) => s.path)).toEqual(['/studies/icu.sqlite']));
    expect(fake.asked).toEqual([{ method: 'openRecentStudy', params: { index: 2 } }]);
  });
});
