import { app, BrowserWindow, dialog } from 'electron';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../api';
import { ensureDefaultStudy } from '../datasets/demo';
import { errorMessage } from '../errors';
import { importFiles } from '../formats';
import { openJobQueue, type JobQueue } from '../jobs';
import { readSettings } from '../settings/study-settings';
import { openStudy, type Study } from '../store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { desktopShell } from './import-dialog';
import { registerApi } from './ipc';
import { isRecordFile, launchRequest } from './launch-files';
import { hardenContents } from './security';
import { checkForUpdates, lockNetwork } from './updates';
import { createMainWindow } from './window';

/** The thin Electron shell: a hardened window over the same service that `salience serve` runs. */
const outDir = dirname(dirname(fileURLToPath(import.meta.url)));
const rendererDir = join(outDir, 'renderer');
const preloadPath = join(outDir, 'preload', 'preload.cjs');

app.enableSandbox();
registerAppScheme();

/**
 * One instance per user: a study file is written by one process at a time, and a second launch
 * (a double-clicked record, say) hands its files to the window already open.
 */
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.quit();

let study: Study | null = null;
let jobs: JobQueue | null = null;
/** macOS passes double-clicked files as events, the first ones before the app is ready. */
const filesOpenedBeforeReady: string[] = [];

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

app.on('open-file', (event, path) => {
  event.preventDefault();
  if (study === null) filesOpenedBeforeReady.push(path);
  else if (isRecordFile(path)) void importOpenedRecords(study, [path]).then(reloadWindows);
  else dialog.showErrorBox('Salience Workbench has a study open', `Quit the app to open ${path}.`);
});

app.on('second-instance', (_event, argv) => {
  const launch = launchRequest(argv.slice(app.isPackaged ? 1 : 2), []);
  const [window] = BrowserWindow.getAllWindows();
  if (window?.isMinimized() === true) window.restore();
  window?.focus();
  if (study === null) return;
  if (launch.study !== undefined && resolve(launch.study) !== resolve(study.path)) {
    dialog.showErrorBox('Salience Workbench has a study open', `Quit the app to open ${launch.study}.`);
    return;
  }
  if (launch.records.length > 0) void importOpenedRecords(study, launch.records).then(reloadWindows);
});

app.on('window-all-closed', () => {
  void shutDown();
});

/** Running jobs stop at their next step and stay resumable; then the study closes. */
async function shutDown(): Promise<void> {
  await jobs?.close();
  jobs = null;
  study?.close();
  study = null;
  app.quit();
}

void app.whenReady().then(async () => {
  if (!primaryInstance) return;
  try {
    const launch = launchRequest(process.argv.slice(app.isPackaged ? 1 : 2), filesOpenedBeforeReady);
    study = openStudy(launch.study ?? (await ensureDefaultStudy(userInfo().username)), { create: true });
    // The study's settings name the update server, if any: the one origin the sessions may reach.
    const updateFeed = lockNetwork(readSettings(study.db));
    serveRenderer(rendererDir);
    jobs = await openJobQueue(study.path, { actor: userInfo().username });
    registerApi(createService(study, 'electron', jobs, desktopShell));
    await importOpenedRecords(study, launch.records);
    createMainWindow(preloadPath);
    void checkForUpdates(updateFeed);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath);
    });
  } catch (error) {
    dialog.showErrorBox('Salience Workbench could not start', errorMessage(error));
    app.quit();
  }
});

/** A bad file is reported and the app goes on with the study as it was. */
async function importOpenedRecords(target: Study, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  try {
    await importFiles(target, paths, 'auto', userInfo().username);
  } catch (error) {
    dialog.showErrorBox('Salience Workbench could not import the file', errorMessage(error));
  }
}

function reloadWindows(): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.reload();
}
