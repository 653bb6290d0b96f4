import type { OpenDialogOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  BrowserWindow: { getFocusedWindow: vi.fn((): object | null => null) },
  dialog: {
    showOpenDialog: vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePaths: string[] }>>(),
  },
}));
vi.mock('electron', () => electron);

const { desktopShell } = await import('./import-dialog');

describe("the desktop app's import dialog", () => {
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
});
