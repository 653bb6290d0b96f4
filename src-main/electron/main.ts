import { app, BrowserWindow, dialog } from 'electron';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudyHost } from '../api';
import { RecentStudies } from '../app/recent-studies';
import { ensureDefaultStudy } from '../datasets/demo';
import { errorMessage } from '../errors';
import { importFiles } from '../formats';
import { readSettings } from '../settings/study-settings';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { desktopShell } from './native-dialogs';
import { registerApi } from './ipc';
import { isRecordFile, launchRequest, type LaunchRequest } from './launch-files';
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

let host: StudyHost | null = null;
/** macOS passes double-clicked files as events, the first ones before the app is ready. */
const filesOpenedBeforeReady: string[] = [];

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

app.on('open-file', (event, path) => {
  event.preventDefault();
  if (host === null) filesOpenedBeforeReady.push(path);
  else if (isRecordFile(path)) void importOpenedRecords(host, [path]).then(reloadWindows);
  else void openStudyFile(host, path);
});

app.on('second-instance', (_event, argv) => {
  const launch = launchRequest(argv.slice(app.isPackaged ? 1 : 2), []);
  const [window] = BrowserWindow.getAllWindows();
  if (window?.isMinimized() === true) window.restore();
  window?.focus();
  if (host !== null) void openLaunched(host, launch);
});

app.on('window-all-closed', () => {
  void shutDown();
});

/** Running jobs stop at their next step and stay resumable; then the study closes. */
async function shutDown(): Promise<void> {
  await host?.close();
  host = null;
  app.quit();
}

void app.whenReady().then(async () => {
  if (!primaryInstance) return;
  try {
    const launch = launchRequest(process.argv.slice(app.isPackaged ? 1 : 2), filesOpenedBeforeReady);
    const actor = userInfo().username;
    host = await StudyHost.open(launch.study ?? (await ensureDefaultStudy(actor)), {
      shell: 'electron',
      jobs: { actor },
      desktop: desktopShell,
      recent: new RecentStudies(),
    });
    // The first study's settings name the update server, if any: the one origin the sessions may
    // reach until the app restarts (a study opened later cannot widen it).
    const updateFeed = lockNetwork(readSettings(host.study.db));
    serveRenderer(rendererDir);
    registerApi(host.service);
    await importOpenedRecords(host, launch.records);
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
async function importOpenedRecords(target: StudyHost, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  try {
    await importFiles(target.study, paths, 'auto', userInfo().username);
  } catch (error) {
    dialog.showErrorBox('Salience Workbench could not import the file', errorMessage(error));
  }
}

/** What a second launch names: a study to switch to, then records to import into the study open. */
async function openLaunched(target: StudyHost, launch: LaunchRequest): Promise<void> {
  if (launch.study !== undefined) await openStudyFile(target, launch.study);
  if (launch.records.length === 0) return;
  await importOpenedRecords(target, launch.records);
  reloadWindows();
}

/** A study double-clicked or named at a second launch replaces the open one; its page reloads on `studyChanged`. */
async function openStudyFile(target: StudyHost, path: string): Promise<void> {
  try {
    await target.switchTo(path, false);
  } catch (error) {
    dialog.showErrorBox('Salience Workbench could not open the study', errorMessage(error));
  }
}

function reloadWindows(): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.reload();
}
