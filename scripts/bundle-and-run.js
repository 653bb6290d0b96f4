// Runs a TypeScript entry of the project under Node: bundled by esbuild as the app is (packages
// stay external), then started with the given arguments. Used by `npm run bench` and
// `npm run train:models`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

/** `entry` is a file path, or `{ contents }` for a short inline TypeScript module. */
export async function bundleAndRun(entry, outfile, args = []) {
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: '.', loader: 'ts', sourcefile: 'entry.ts' } }),
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' }).status ?? 1;
}
