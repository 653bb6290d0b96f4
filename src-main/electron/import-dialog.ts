import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import type { DesktopShell } from '../api';

const options: OpenDialogOptions = {
  title: 'Import records',
  buttonLabel: 'Import',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Records (WFDB header, EDF, BDF, CSV)', extensions: ['hea', 'edf', 'bdf', 'csv'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** The desktop app's file dialog: the only way paths reach an import from its page. */
export const desktopShell: DesktopShell = {
  async chooseImportFiles() {
    const owner = BrowserWindow.getFocusedWindow();
    const { canceled, filePaths } =
      owner === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(owner, options);
    return canceled ? [] : filePaths;
  },
};
