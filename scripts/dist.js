// `npm run dist`: installers with electron-builder (electron-builder.yml, docs/PACKAGING.md).
// Packaging downloads Electron's runtime and headers (to rebuild better-sqlite3 for Electron's
// ABI), so it needs network access; without the runtime it stops here with that explanation
// instead of a download stack trace.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

try {
  createRequire(import.meta.url)('electron');
} catch {
  console.error(
    [
      "npm run dist: Electron's runtime is not installed, so installers cannot be built here.",
      'Packaging needs network access: the Electron runtime and headers are downloaded, and better-sqlite3 is',
      "rebuilt against Electron's ABI. On a machine with network access run 'npm run electron:install', then",
      "'npm run dist' (or 'npm run dist -- --linux AppImage deb', '--win nsis', '--mac dmg').",
    ].join('\n'),
  );
  process.exit(1);
}

const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const built = run(process.execPath, ['scripts/build.js']);
if (built !== 0) process.exit(built);
const packaged = run(process.execPath, [
  'node_modules/electron-builder/cli.js',
  '--config',
  'electron-builder.yml',
  ...process.argv.slice(2),
]);
// electron-builder rebuilds better-sqlite3 in place for Electron's ABI; the CLI and the tests run
// on Node, so it is rebuilt for Node again, whether packaging succeeded or not.
console.log('npm run dist: rebuilding better-sqlite3 for Node');
const npm = process.env.npm_execpath;
const restored =
  npm === undefined
    ? run('npm', ['rebuild', 'better-sqlite3'])
    : run(process.execPath, [npm, 'rebuild', 'better-sqlite3']);
process.exit(packaged !== 0 ? packaged : restored);
