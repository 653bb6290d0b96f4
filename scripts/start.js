// `npm start`: builds if needed, then opens the desktop app. Where Electron's runtime is not
// installed (npm cannot download it without network access), it says so and serves browser
// mode instead. Arguments after `--` go to the app (e.g. `npm start -- --study my.sqlite`).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, ['scripts/build.js', '--if-needed'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
const child =
  electron.path === null
    ? startBrowserMode(electron.reason)
    : spawn(electron.path, ['out/main/electron.js', ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

function electronBinary() {
  try {
    return { path: createRequire(import.meta.url)('electron'), reason: '' };
  } catch (error) {
    return { path: null, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

function startBrowserMode(reason) {
  console.log(
    [
      `Electron's runtime is not installed here (${reason}).`,
      "npm could not download it: it comes from Electron's release server, which needs network access.",
      'Starting browser mode instead: open the URL below in Chromium, Chrome, Firefox or Edge on this computer.',
      "For the desktop window, run 'npm run electron:install' on a machine with network access, then 'npm start'.",
      '',
    ].join('\n'),
  );
  return spawn(process.execPath, ['bin/salience.js', 'serve', ...args], { cwd: root, stdio: 'inherit' });
}
