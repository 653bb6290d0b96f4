import { posix } from 'node:path';
import type { ModuleImport } from './module-imports';

/**
 * The renderer's whole view of src-main: the contract's types (its zod schemas stay in Node),
 * and the wire format and method names, which are plain code (see `rendererLoadedModules`).
 */
const rendererContract: Record<string, 'type-only' | 'any'> = {
  '$api/contract': 'type-only',
  '$api/wire': 'any',
  '$api/method-names': 'any',
  '$api/annotation-columns': 'any',
};

/** The src-main modules the renderer bundles: they must import nothing but types. */
export const rendererLoadedModules = Object.entries(rendererContract)
  .filter(([, use]) => use === 'any')
  .map(([alias]) => `${alias.replace('$api/', 'src-main/api/')}.ts`);

/** What runs only in Node or Electron's main process: never in the sandboxed page. */
const nodeOnly = /^(node:|electron$|electron\/|electron-updater$|better-sqlite3$|onnxruntime-node$)/;

/** Electron and the packages that need its main process (the updater). */
const isElectron = (specifier: string): boolean =>
  specifier === 'electron' || specifier.startsWith('electron/') || specifier === 'electron-updater';
const inside = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`);

/** A relative or `$api` specifier as a path from the repository root; null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith('$api/')) return posix.join('src-main/api', specifier.slice('$api/'.length));
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(file), specifier));
  return null;
}

/**
 * Why an import breaks the layering, or null. `file` is a '/'-separated path from the
 * repository root.
 * - Only the Electron shell (src-main/electron/) imports electron and electron-updater.
 * - The renderer reaches src-main only through the contract aliases (the contract's types as
 *   `import type`), and imports nothing that runs only in Node.
 */
export function importViolation(file: string, imported: ModuleImport): string | null {
  const where = `${file}:${imported.line} imports '${imported.specifier}'`;
  if (inside(file, 'src-main') && !inside(file, 'src-main/electron') && isElectron(imported.specifier)) {
    return `${where}: only src-main/electron/ may import ${imported.specifier}`;
  }
  if (!inside(file, 'src-renderer')) return null;
  if (nodeOnly.test(imported.specifier)) return `${where}: the renderer runs in a sandboxed page`;
  const resolved = target(file, imported.specifier);
  if (resolved === null || !inside(resolved, 'src-main')) return null;
  const allowed = rendererContract[imported.specifier];
  if (allowed === undefined) {
    return `${where}: the renderer reaches src-main only through ${Object.keys(rendererContract).join(', ')}`;
  }
  // Tests are never bundled: they may check the renderer's constants against the contract's.
  if (allowed === 'type-only' && !imported.typeOnly && !file.endsWith('.test.ts')) {
    return `${where}: use 'import type' (the contract's code must not be bundled into the renderer)`;
  }
  return null;
}
