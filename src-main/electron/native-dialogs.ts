import { BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { DesktopShell } from '../api';

const importOptions: OpenDialogOptions = {
  title: 'Import records',
  buttonLabel: 'Import',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Records (WFDB header, EDF, BDF, CSV)', extensions: ['hea', 'edf', 'bdf', 'csv'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

const studyFilters = [
  { name: 'Salience studies', extensions: ['sqlite', 'salience', 'study', 'db'] },
  { name: 'All files', extensions: ['*'] },
];

const openStudyOptions: OpenDialogOptions = {
  title: 'Open study',
  buttonLabel: 'Open',
  properties: ['openFile'],
  filters: studyFilters,
};

const newStudyOptions: SaveDialogOptions = {
  title: 'New study',
  buttonLabel: 'Create',
  defaultPath: 'study.sqlite',
  filters: studyFilters,
  // An existing file is refused by the study host, never replaced.
  properties: ['createDirectory'],
};

/** The desktop app's native dialogs: the only way paths reach the service from its page. */
export const desktopShell: DesktopShell = {
  async chooseImportFiles() {
    const { canceled, filePaths } = await openDialog(importOptions);
    return canceled ? [] : filePaths;
  },
  async chooseStudyFile(create) {
    if (create) {
      const { canceled, filePath } = await saveDialog(newStudyOptions);
      return canceled || filePath === '' ? null : filePath;
    }
    const { canceled, filePaths } = await openDialog(openStudyOptions);
    return canceled ? null : (filePaths[0] ?? null);
  },
};

/** Modal to the focused window, if any. */
function openDialog(options: OpenDialogOptions): ReturnType<typeof dialog.showOpenDialog> {
  const owner = BrowserWindow.getFocusedWindow();
  return owner === null ? dialog.showOpenDialog(options) : dialog.showOpenDialog(owner, options);
}

function saveDialog(options: SaveDialogOptions): ReturnType<typeof dialog.showSaveDialog> {
  const owner = BrowserWindow.getFocusedWindow();
  return owner === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(owner, options);
}
