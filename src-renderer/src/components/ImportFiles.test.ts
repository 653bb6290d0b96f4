import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiParams, Job } from '$api/contract';
import type { ApiEventName } from '$api/method-names';
import type { PreloadBridge } from '$api/wire';
import { apiContext, type ApiClient } from '../lib/api';
import ImportFiles from './ImportFiles.svelte';
import { queuedJob } from '../lib/jobs/test-jobs';

const queued = queuedJob('import', 3);

/** The import calls, answered at once: the dialog's answers in turn; every typed import kept. */
function fakeClient(dialogAnswers: (Job | null)[]) {
  const typed: ApiParams<'startImport'>[] = [];
  let dialogs = 0;
  let listener: (event: ApiEventName, payload: unknown) => void = () => undefined;
  const used: Pick<ApiClient, 'startImport' | 'importChosenFiles' | 'cancelJob' | 'onEvent'> = {
    startImport: (params) => {
      typed.push(params);
      return Promise.resolve(queued);
    },
    importChosenFiles: () => Promise.resolve(dialogAnswers[dialogs++] ?? null),
    cancelJob: () => Promise.resolve({ ...queued, status: 'cancelled' }),
    onEvent: (l) => {
      listener = l;
      return () => undefined;
    },
  };
  return {
    client: used as ApiClient,
    typed,
    dialogs: () => dialogs,
    emit: (event: ApiEventName, payload: unknown) => listener(event, payload),
  };
}

afterEach(() => {
  delete window.salience;
});

describe('importing files', () => {
  it('in the desktop app, imports what the native dialog returns and sends no path', async () => {
    window.salience = {} as PreloadBridge;
    const fake = fakeClient([null, queued]);
    let imported = 0;
    render(ImportFiles, { props: { onImported: () => (imported += 1) }, context: apiContext(fake.client) });
    expect(screen.queryByRole('textbox')).toBeNull();

    const button = screen.getByRole('button', { name: 'Import files…' });
    await userEvent.click(button);
    await waitFor(() => expect(fake.dialogs()).toBe(1));
    expect(screen.queryByRole('status')).toBeNull();

    await userEvent.click(button);
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Import progress' })).toBeTruthy());
    fake.emit('jobChanged', {
      ...queued,
      status: 'succeeded',
      fraction: 1,
      result: { table: 'records', key: 'id', ids: [7, 8], summary: { columns: [], rows: [] } },
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Imported 2 records.'));
    expect(imported).toBe(1);
    expect(fake.typed).toEqual([]);
  });

  it('in browser mode, imports the paths typed', async () => {
    const fake = fakeClient([]);
    render(ImportFiles, { props: { onImported: () => undefined }, context: apiContext(fake.client) });
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Files or folders to import' }),
      '/data/100.hea; /data/a.edf',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(fake.typed).toEqual([{ paths: ['/data/100.hea', '/data/a.edf'] }]));
    expect(fake.dialogs()).toBe(0);
  });
});
