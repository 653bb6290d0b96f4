import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface JobBundles {
  /** The worker thread's script, as scripts/build.js bundles it. */
  worker: URL;
  /** The crash test's child process (run-until-killed.ts). */
  runUntilKilled: URL;
  remove(): void;
}

/**
 * Node 20 runs neither a TypeScript worker nor a TypeScript child process, and vitest
 * transforms only the test's own thread, so tests bundle both with esbuild as the app's build
 * does. The folder sits under node_modules/.cache so that Node finds the external packages
 * (better-sqlite3, zod) from there; `.mjs` because a package scope ends at node_modules.
 */
export async function buildJobBundles(): Promise<JobBundles> {
  const cache = join(root, 'node_modules', '.cache', 'salience');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'jobs-'));
  await build({
    absWorkingDir: root,
    entryPoints: {
      worker: 'src-main/jobs/worker.ts',
      'run-until-killed': 'src-main/jobs/testing/run-until-killed.ts',
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return {
    worker: pathToFileURL(join(outdir, 'worker.mjs')),
    runUntilKilled: pathToFileURL(join(outdir, 'run-until-killed.mjs')),
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
