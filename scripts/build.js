// Builds everything `npm start`, `salience` and the tests run: the main process, preload and
// CLI with esbuild (native modules and packages stay external), the renderer with Vite.
// `--if-needed` skips the build when out/ is newer than every source file.
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'out', '.build-stamp');
const inputs = ['src-main', 'src-renderer', 'scripts/build.js', 'vite.config.ts', 'package.json', 'tsconfig.json'];

if (process.argv.includes('--if-needed') && upToDate()) process.exit(0);

const started = Date.now();
const node = {
  platform: 'node',
  target: 'node20',
  bundle: true,
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};
await Promise.all([
  esbuild({
    ...node,
    format: 'esm',
    entryPoints: { electron: 'src-main/electron/main.ts' },
    outdir: 'out/main',
    external: ['electron'],
  }),
  esbuild({ ...node, format: 'esm', entryPoints: { salience: 'src-main/cli/salience.ts' }, outdir: 'out/cli' }),
  // The job worker thread, found by the app and the CLI at ../jobs/worker.js.
  esbuild({ ...node, format: 'esm', entryPoints: { worker: 'src-main/jobs/worker.ts' }, outdir: 'out/jobs' }),
  // A sandboxed preload can require only 'electron': everything else is bundled into one CommonJS file.
  esbuild({
    ...node,
    packages: undefined,
    format: 'cjs',
    entryPoints: { preload: 'src-main/electron/preload.ts' },
    outExtension: { '.js': '.cjs' },
    outdir: 'out/preload',
    external: ['electron'],
  }),
]);
await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
writeFileSync(stamp, new Date().toISOString());
console.log(`built out/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);

function upToDate() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return inputs.every((input) => newestMtime(join(root, input)) <= built);
}

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stats.mtimeMs);
}
