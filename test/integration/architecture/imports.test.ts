import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importViolation, rendererLoadedModules } from './import-rules';
import { moduleImports } from './module-imports';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every TypeScript and Svelte source file under `folder`, as '/'-separated paths from the root. */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .map((name) => `${folder}/${name.replaceAll('\\', '/')}`)
    .filter((path) => /\.(ts|svelte)$/.test(path) && !path.endsWith('.d.ts'));
}

function violations(file: string, text: string): string[] {
  return moduleImports(file, text).flatMap((imported) => importViolation(file, imported) ?? []);
}

describe('module boundaries', () => {
  it('hold in every source file of src-main and src-renderer', () => {
    const files = [...sourceFiles('src-main'), ...sourceFiles('src-renderer')];
    expect(files.filter((f) => f.startsWith('src-renderer/')).length).toBeGreaterThan(5);
    expect(files.filter((f) => f.startsWith('src-main/electron/')).length).toBeGreaterThan(5);
    const found = files.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      // Outside the renderer only 'electron' can break a rule: skip parsing files that never name it.
      return file.startsWith('src-main/') && !text.includes('electron') ? [] : violations(file, text);
    });
    expect(found).toEqual([]);
  });

  it('keep the API modules the renderer bundles free of runtime imports (no zod, no Node)', () => {
    expect(rendererLoadedModules).toEqual([
      'src-main/api/wire.ts',
      'src-main/api/method-names.ts',
      'src-main/api/annotation-columns.ts',
    ]);
    for (const file of rendererLoadedModules) {
      const runtime = moduleImports(file, readFileSync(join(root, file), 'utf8')).filter((i) => !i.typeOnly);
      expect(runtime, file).toEqual([]);
    }
  });

  it('let only the Electron shell import electron', () => {
    expect(violations('src-main/electron/ipc.ts', "import { ipcMain } from 'electron';")).toEqual([]);
    expect(violations('src-main/api/service.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(violations('src-main/store/x.ts', "import type { App } from 'electron';")).toHaveLength(1);
    expect(violations('src-main/jobs/pool.ts', "const { utilityProcess } = require('electron/main');")).toHaveLength(1);
    expect(violations('src-main/cli/x.ts', "export { app } from 'electron';")).toHaveLength(1);
    expect(violations('src-main/engine/x.ts', "const e = await import('electron');")).toHaveLength(1);
    expect(violations('src-main/electron/updates.ts', "import('electron-updater')")).toEqual([]);
    expect(violations('src-main/settings/x.ts', "import { autoUpdater } from 'electron-updater';")).toEqual([
      "src-main/settings/x.ts:1 imports 'electron-updater': only src-main/electron/ may import electron-updater",
    ]);
    expect(violations('src-main/app/x.ts', "let a: import('electron').App;")).toHaveLength(1);
  });

  it('let the renderer reach src-main only through the contract aliases', () => {
    const renderer = 'src-renderer/src/lib/api/x.ts';
    expect(violations(renderer, "import type { Api } from '$api/contract';")).toEqual([]);
    expect(violations(renderer, "import { MAX_WINDOW_SAMPLES } from '$api/contract';")).toHaveLength(1);
    expect(
      violations(renderer.replace(/\.ts$/, '.test.ts'), "import { MAX_WINDOW_SAMPLES } from '$api/contract';"),
    ).toEqual([]);
    expect(violations(renderer, "import { decodeBinaryMessage } from '$api/wire';")).toEqual([]);
    expect(violations(renderer, "import { apiMethodNames } from '$api/method-names';")).toEqual([]);
    expect(violations(renderer, "import { apiMethods } from '$api/contract';")).toHaveLength(1);
    expect(violations(renderer, "import { type Api } from '$api/contract';")).toHaveLength(1);
    expect(violations(renderer, "import { dispatch } from '$api/dispatch';")).toHaveLength(1);
    expect(violations(renderer, "import type { Study } from '../../../../src-main/store';")).toHaveLength(1);
    expect(violations(renderer, "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(violations(renderer, "import { readFile } from 'node:fs';")).toHaveLength(1);
    expect(violations(renderer, "import { formatClock } from '../format/clock';")).toEqual([]);
    const component = '<script lang="ts">\n  import { createService } from \'$api/index\';\n</script>\n<p>hi</p>';
    expect(violations('src-renderer/src/App.svelte', component)).toEqual([
      "src-renderer/src/App.svelte:2 imports '$api/index': the renderer reaches src-main only through $api/contract, $api/wire, $api/method-names, $api/annotation-columns",
    ]);
  });
});
