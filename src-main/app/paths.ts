import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the app keeps its own files (default study, settings), per platform convention.
 * Electron's `app.getPath('userData')` resolves to the same folder for this product name.
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const product = 'Salience Workbench';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), product);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', product);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), product);
}

export function defaultStudyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'studies', 'default.sqlite');
}
