import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * One of the project's `scripts/` copied into an empty project folder, so that a test can run it
 * against the node_modules it lays out (none, or fakes) instead of the real ones: nothing is
 * downloaded, built or changed in the work tree.
 */
export interface ScriptSandbox {
  dir: string;
  /** Writes a file, its folders created, at a path relative to the sandbox. */
  write(path: string, text: string): void;
  run(env?: Record<string, string>): ScriptRun;
  remove(): void;
}

export function scriptSandbox(script: string): ScriptSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'salience-script-'));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('package.json', JSON.stringify({ name: 'sandbox', private: true, type: 'module' }));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(root, 'scripts', script), join(dir, 'scripts', script));
  return {
    dir,
    write,
    run: (env = {}) => {
      const result = spawnSync(process.execPath, [join('scripts', script)], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: '', ...env },
        timeout: 60_000,
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
