import { app, BrowserWindow, dialog, session } from 'electron';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createService } from '../api';
import { ensureDefaultStudy } from '../datasets/demo';
import { errorMessage } from '../errors';
import { openStudy, type Study } from '../store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerApi } from './ipc';
import { hardenContents, hardenSession } from './security';
import { createMainWindow } from './window';

/** The thin Electron shell: a hardened window over the same service that `salience serve` runs. */
const outDir = dirname(dirname(fileURLToPath(import.meta.url)));
const rendererDir = join(outDir, 'renderer');
const preloadPath = join(outDir, 'preload', 'preload.cjs');

app.enableSandbox();
registerAppScheme();

let study: Study | null = null;

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

app.on('window-all-closed', () => {
  study?.close();
  study = null;
  app.quit();
});

void app.whenReady().then(async () => {
  try {
    hardenSession(session.defaultSession);
    serveRenderer(rendererDir);
    study = openStudy(studyPathFromArgs() ?? (await ensureDefaultStudy(userInfo().username)), { create: true });
    registerApi(createService(study, 'electron'));
    createMainWindow(preloadPath);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath);
    });
  } catch (error) {
    dialog.showErrorBox('Salience Workbench could not start', errorMessage(error));
    app.quit();
  }
});

function studyPathFromArgs(): string | undefined {
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { study: { type: 'string' } },
    strict: false,
  });
  return typeof values.study === 'string' ? values.study : undefined;
}
