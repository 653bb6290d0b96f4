import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptSandbox, type ScriptRun, type ScriptSandbox } from './script-sandbox';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe("npm run dist without Electron's runtime", () => {
  let sandbox: ScriptSandbox;
  let run: ScriptRun;
  beforeAll(() => {
    sandbox = scriptSandbox('dist.js');
    run = sandbox.run();
  });
  afterAll(() => sandbox.remove());

  it('stops, saying that packaging needs the network and what to run where it has it', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Electron's runtime is not installed");
    expect(run.stderr).toContain('Packaging needs network access');
    expect(run.stderr).toContain("'npm run electron:install'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('builds nothing before it stops', () => {
    expect(run.stdout).toBe('');
    expect(existsSync(join(sandbox.dir, 'out'))).toBe(false);
    expect(existsSync(join(sandbox.dir, 'dist'))).toBe(false);
  });

  it('is what npm run dist runs, and electron:install the command it names', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts['dist']).toBe('node scripts/dist.js');
    expect(scripts['electron:install']).toBe('node node_modules/electron/install.js');
  });
});
