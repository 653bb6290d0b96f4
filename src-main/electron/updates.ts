import { app, dialog, session } from 'electron';
import type { UpdateInfo } from 'electron-updater';
import type { Settings } from '../api/contract';
import { appName } from '../app/identity';
import { errorMessage } from '../errors';
import { hardenSession } from './security';
import { allowedOrigins, updateFeedOf, type UpdateFeed } from './update-feed';

/**
 * Hardens every session (the default one now, the others as Electron creates them: electron-updater
 * downloads through a session of its own) so that nothing but the app's own files and the update
 * server the settings name can be reached. A setting that names no valid server is reported and
 * leaves updates off. Returns the feed to check, or null.
 */
export function lockNetwork(settings: Pick<Settings, 'updateServer'>): UpdateFeed | null {
  let feed: UpdateFeed | null = null;
  try {
    feed = updateFeedOf(settings.updateServer);
  } catch (error) {
    dialog.showErrorBox(`${appName} does not check for updates`, errorMessage(error));
  }
  const origins = allowedOrigins(feed);
  hardenSession(session.defaultSession, origins);
  app.on('session-created', (created) => hardenSession(created, origins));
  return feed;
}

/**
 * Checks the feed once. Nothing is downloaded or installed without the user's yes: autoDownload
 * is off (only the small `latest*.yml` is fetched unasked), and a downloaded update is installed
 * only when the user restarts for it. Without a feed electron-updater is not even loaded.
 */
export async function checkForUpdates(feed: UpdateFeed | null): Promise<void> {
  if (feed === null) return;
  // electron-updater is CommonJS and defines autoUpdater as a getter Node's ESM loader cannot see.
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.setFeedURL({ provider: feed.provider, url: feed.url });
  // An unreachable server is not the analyst's problem: the app works without updates.
  const warn = (error: unknown): void => console.warn(`Update from ${feed.url} failed: ${errorMessage(error)}`);
  autoUpdater.on('update-available', (info: UpdateInfo) => {
    ask(`${appName} ${info.version} is available`, `From ${feed.origin}. Download it now?`, 'Download')
      .then((yes) => (yes ? autoUpdater.downloadUpdate() : null))
      .catch(warn);
  });
  autoUpdater.on('update-downloaded', (info: UpdateInfo) => {
    ask(
      `${appName} ${info.version} is downloaded`,
      'Restart now to install it? Otherwise you are asked again at the next start.',
      'Restart and install',
    )
      .then((yes) => (yes ? autoUpdater.quitAndInstall() : null))
      .catch(warn);
  });
  await autoUpdater.checkForUpdates().catch(warn);
}

async function ask(message: string, detail: string, yes: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: `${appName} update`,
    message,
    detail,
    buttons: [yes, 'Not now'],
    defaultId: 0,
    cancelId: 1,
  });
  return response === 0;
}
