import type { OpenDialogOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  BrowserWindow: { getFocusedWindow: vi.fn((): object | null => null) },
  dialog: {
    showOpenDialog: vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePaths: string[] }>>(),
    showSaveDialog: vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePath: string }>>(),
  },
}));
vi.mock('electron', () => electron);

const { desktopShell } = await import('./native-dialogs');

describe("the desktop app's native dialogs", () => {
  it('returns the files chosen, for the focused window, with the record formats offered first', async () => {
    const window = { id: 1 };
    electron.BrowserWindow.getFocusedWindow.mockReturnValueOnce(window);
    electron.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: ['/data/100.hea', '/data/a.edf'],
    });
    await expect(desktopShell.chooseImportFiles()).resolves.toEqual(['/data/100.hea', '/data/a.edf']);
    const [owner, options] = (electron.dialog.showOpenDialog.mock.calls[0] ?? []) as [unknown, OpenDialogOptions];
    expect(owner).toBe(window);
    expect(options).toMatchObject({ properties: ['openFile', 'multiSelections'] });
    expect(options.filters?.[0]?.extensions).toEqual(['hea', 'edf', 'bdf', 'csv']);
  });

  it('returns nothing when the analyst cancels', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: ['/data/ignored.hea'] });
    await expect(desktopShell.chooseImportFiles()).resolves.toEqual([]);
  });

  it('opens a study chosen in the open dialog, or creates one where the save dialog says', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/studies/ward.sqlite'] });
    await expect(desktopShell.chooseStudyFile(false)).resolves.toBe('/studies/ward.sqlite');
    // No window has the focus here, so the options are the only argument.
    expect(electron.dialog.showOpenDialog.mock.calls.at(-1)?.[0]).toMatchObject({
      title: 'Open study',
      properties: ['openFile'],
    });

    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/studies/new.sqlite' });
    await expect(desktopShell.chooseStudyFile(true)).resolves.toBe('/studies/new.sqlite');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(desktopShell.chooseStudyFile(true)).resolves.toBeNull();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(desktopShell.chooseStudyFile(false)).resolves.toBeNull();
  });
});
