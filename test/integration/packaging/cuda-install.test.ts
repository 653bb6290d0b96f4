import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scriptSandbox, type ScriptSandbox } from './script-sandbox';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
const ortDir = 'node_modules/onnxruntime-node';
const cudaLibrary = `${ortDir}/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so`;

/**
 * Stands in for onnxruntime-node's installer (which downloads from NuGet): records the install
 * flavour it was asked for, then fails, installs nothing, or puts the CUDA provider in place.
 */
const fakeInstaller = `
import { mkdirSync, writeFileSync } from 'node:fs';
const here = (path) => new URL(path, import.meta.url);
writeFileSync(here('../asked-for.txt'), process.env.ONNXRUNTIME_NODE_INSTALL ?? '(unset)');
if (process.env.FAKE_INSTALL === 'fail') process.exit(3);
if (process.env.FAKE_INSTALL === 'cuda') {
  mkdirSync(here('../bin/napi-v6/linux/x64/'), { recursive: true });
  writeFileSync(here('../bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so'), '');
}
`;

describe('npm run ort:install-cuda (the CUDA opt-in)', () => {
  let sandbox: ScriptSandbox;
  beforeEach(() => {
    sandbox = scriptSandbox('install-onnxruntime-cuda.js');
    sandbox.write(`${ortDir}/package.json`, JSON.stringify({ name: 'onnxruntime-node', type: 'module' }));
    sandbox.write(`${ortDir}/script/install.js`, fakeInstaller);
  });
  afterEach(() => sandbox.remove());

  const askedFor = (): string => readFileSync(join(sandbox.dir, ortDir, 'asked-for.txt'), 'utf8');

  it.runIf(linuxX64)("runs onnxruntime-node's installer for CUDA 12 and finds the provider beside the binding", () => {
    const run = sandbox.run({ FAKE_INSTALL: 'cuda' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(askedFor()).toBe('cuda12');
    expect(existsSync(join(sandbox.dir, cudaLibrary))).toBe(true);
    expect(run.stdout).toContain('CUDA 12 and cuDNN 9');
  });

  it.runIf(linuxX64)('says it needs the network when the download fails', () => {
    const run = sandbox.run({ FAKE_INSTALL: 'fail' });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('it needs network access');
  });

  it.runIf(linuxX64)('fails when the installer put no CUDA provider in place', () => {
    const run = sandbox.run({ FAKE_INSTALL: 'nothing' });
    expect(askedFor()).toBe('cuda12');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('libonnxruntime_providers_cuda.so is missing');
  });

  it.skipIf(linuxX64)('refuses elsewhere, pointing at DirectML and CoreML, which need no install step', () => {
    const run = sandbox.run({ FAKE_INSTALL: 'cuda' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Linux x64 only.*\n.*DirectML \(Windows\) and CoreML \(macOS\)/);
    expect(existsSync(join(sandbox.dir, ortDir, 'asked-for.txt'))).toBe(false);
  });
});

describe('the CUDA provider stays opt-in', () => {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    allowScripts: Record<string, boolean>;
  };

  it("is not fetched by a plain npm install: onnxruntime-node's install script does not run", () => {
    expect(packageJson.allowScripts['onnxruntime-node']).toBe(false);
  });

  it('is installed by the script docs/PACKAGING.md names, with the variable it names', () => {
    expect(packageJson.scripts['ort:install-cuda']).toBe('node scripts/install-onnxruntime-cuda.js');
    const docs = readFileSync(join(root, 'docs/PACKAGING.md'), 'utf8');
    expect(docs).toContain('npm run ort:install-cuda');
    expect(docs).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12');
  });
});
