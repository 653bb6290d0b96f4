import Ajv from 'ajv';
import type { Configuration, FileAssociation, PlatformSpecificBuildOptions } from 'app-builder-lib';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchRequest } from '../../../src-main/electron/launch-files';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const appBuilderLib = dirname(
  createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json')).resolve(
    'app-builder-lib/package.json',
  ),
);
/** The YAML parser electron-builder itself reads its configuration with. */
const yaml = createRequire(join(appBuilderLib, 'package.json'))('js-yaml') as { load: (text: string) => unknown };

const ortBinaries = 'node_modules/onnxruntime-node/bin/napi-v6';
type Platform = 'linux' | 'win' | 'mac';
const ortOs: Record<Platform, string> = { linux: 'linux', win: 'win32', mac: 'darwin' };

let raw: unknown;
let config: Configuration;

beforeAll(() => {
  raw = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  config = raw as Configuration;
});

function schemaValidator(): (data: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(appBuilderLib, 'scheme.json'), 'utf8')) as object;
  // strict: false as electron-builder's own validator has it: the scheme carries non-standard keywords.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

function platformOptions(platform: Platform): PlatformSpecificBuildOptions {
  const options = config[platform];
  if (options === undefined || options === null) throw new Error(`electron-builder.yml has no ${platform} section`);
  return options;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(join(root, path)).isFile());
}

/**
 * Whether electron-builder copies a dependency's file into the package for this platform and
 * architecture. As in its getNodeModuleFileMatcher: only the exclusions of `files` (top-level and
 * the platform's) apply to node_modules, after an implicit "**\/*".
 */
function nodeModuleIncluded(platform: Platform, arch: string): (path: string) => boolean {
  const patterns = [...asStrings(config.files), ...asStrings(platformOptions(platform).files)];
  const matcher = new FileMatcher(root, 'app', (pattern) => pattern.replaceAll('${arch}', arch));
  for (const pattern of patterns.filter((p) => p.startsWith('!'))) matcher.addPattern(pattern);
  matcher.prependPattern('**/*');
  const filter = matcher.createFilter();
  return (path) => filter(join(root, path), Object.assign(statSync(join(root, path)), { moduleFullFilePath: path }));
}

function asStrings(value: unknown): string[] {
  return (Array.isArray(value) ? (value as unknown[]) : [value]).filter((p): p is string => typeof p === 'string');
}

function targetArchs(platform: Platform): string[] {
  if (platform !== 'mac') return ['x64', 'arm64'];
  return asTargets(platformOptions('mac')).flatMap((target) => target.arch ?? []);
}

function asTargets(options: PlatformSpecificBuildOptions): { target: string; arch?: string[] }[] {
  const { target } = options as { target?: unknown };
  return (Array.isArray(target) ? (target as unknown[]) : [target]).map((t) =>
    typeof t === 'string' ? { target: t } : (t as { target: string; arch?: string[] }),
  );
}

function associations(platform: Platform): string[] {
  const all: FileAssociation[] = [
    ...((config.fileAssociations as FileAssociation[] | undefined) ?? []),
    ...((platformOptions(platform).fileAssociations as FileAssociation[] | undefined) ?? []),
  ];
  return all.flatMap((a) => a.ext).sort();
}

/** The matchers look at a path's stat only to tell folders from files. */
function aFile(): Stats {
  return statSync(join(root, 'package.json'));
}

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(join(root, path));
  expect(bytes.subarray(1, 4).toString('latin1'), path).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  // Compiling electron-builder's large schema takes seconds on a busy machine: a longer timeout.
  it("matches electron-builder's JSON schema", () => {
    const errors = schemaValidator();
    expect(errors(raw)).toEqual([]);
    // The validator does refuse what electron-builder would refuse.
    expect(errors({ ...config, electronFuses: { runAsNode: 'off' } })).not.toEqual([]);
    expect(errors({ ...config, asarUnpak: ['**/*.node'] })).not.toEqual([]);
  }, 60_000);

  it('names the Electron version of the lockfile (the runtime is not installed to read it from)', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(config.electronVersion).toBe(lock.packages['node_modules/electron']?.version);
  });

  it('sets every Electron fuse, packs the app in an asar and publishes no update feed', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
    expect(config.npmRebuild).toBe(true);
    expect(config.mac?.hardenedRuntime).toBe(true);
  });

  it('unpacks every native file of better-sqlite3 and onnxruntime-node from the asar', () => {
    const unpacked = new FileMatcher(root, 'app', (p) => p, config.asarUnpack).createFilter();
    const native = [...filesUnder('node_modules/better-sqlite3/build'), ...filesUnder(ortBinaries)].filter((path) =>
      /\.(node|dylib|dll)$|\.so(\.|$)/.test(path),
    );
    expect(native.length).toBeGreaterThan(10);
    for (const path of native) expect(unpacked(join(root, path), statSync(join(root, path))), path).toBe(true);
    expect(unpacked(join(root, 'out/main/electron.js'), aFile())).toBe(false);
  });

  it("packs each platform and architecture's own ONNX Runtime binaries and no other", () => {
    for (const platform of ['linux', 'win', 'mac'] as const) {
      for (const arch of targetArchs(platform)) {
        const own = `${ortBinaries}/${ortOs[platform]}/${arch}/`;
        const included = nodeModuleIncluded(platform, arch);
        const packed = filesUnder(ortBinaries).filter(included);
        expect(packed, `${platform} ${arch}`).toContain(`${own}onnxruntime_binding.node`);
        expect(
          packed.filter((path) => !path.startsWith(own)),
          `${platform} ${arch}`,
        ).toEqual([]);
        expect(included('node_modules/onnxruntime-node/dist/index.js'), `${platform} ${arch}`).toBe(true);
      }
    }
  });

  it('packs the built app and the shipped models, not sources or source maps', () => {
    const included = new FileMatcher(root, 'app', (p) => p, asStrings(config.files)).createFilter();
    const packed = (path: string): boolean => included(join(root, path), aFile());
    expect(packed('out/main/electron.js')).toBe(true);
    expect(packed('out/renderer/index.html')).toBe(true);
    expect(packed('models/README.md')).toBe(true);
    expect(packed('models/benchmarks/seqcomb-uv/split-0.onnx')).toBe(true);
    expect(packed('models/benchmarks/in-training/timex-seqcomb-mv-split-0.state')).toBe(false);
    expect(packed('package.json')).toBe(true);
    expect(packed('out/main/electron.js.map')).toBe(false);
    expect(packed('src-main/electron/main.ts')).toBe(false);
    expect(packed('test/fixtures/wfdb/100.hea')).toBe(false);
  });

  it('builds AppImage, deb, NSIS and an arm64 dmg', () => {
    expect(asTargets(platformOptions('linux')).map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(asTargets(platformOptions('win')).map((t) => t.target)).toEqual(['nsis']);
    expect(asTargets(platformOptions('mac'))).toEqual([{ target: 'dmg', arch: ['arm64'] }]);
  });

  it('opens records and studies by double-click, without taking .sqlite over on Windows', () => {
    expect(associations('linux')).toEqual(['bdf', 'edf', 'hea', 'salience', 'sqlite']);
    expect(associations('mac')).toEqual(['bdf', 'edf', 'hea', 'salience', 'sqlite']);
    expect(associations('win')).toEqual(['bdf', 'edf', 'hea', 'salience']);
  });

  it('opens every associated file: a study as the study, a record into it', () => {
    const studies = ['salience', 'sqlite'];
    const records = ['bdf', 'edf', 'hea'];
    const associated = new Set([...associations('linux'), ...associations('mac'), ...associations('win')]);
    expect([...associated].sort()).toEqual([...studies, ...records].sort());
    for (const ext of studies) {
      expect(launchRequest([`/data/x.${ext}`], []), ext).toEqual({ study: `/data/x.${ext}`, records: [] });
      expect(launchRequest([], [`/data/x.${ext.toUpperCase()}`]).study, ext).toBe(`/data/x.${ext.toUpperCase()}`);
    }
    for (const ext of records) {
      expect(launchRequest([`/data/x.${ext}`], []), ext).toEqual({ study: undefined, records: [`/data/x.${ext}`] });
    }
  });

  it('ships DirectML in each Windows package and CoreML in the macOS one: neither needs an install step', () => {
    for (const arch of targetArchs('win')) {
      const directMl = `${ortBinaries}/win32/${arch}/DirectML.dll`;
      expect(nodeModuleIncluded('win', arch)(directMl), directMl).toBe(true);
    }
    for (const arch of targetArchs('mac')) {
      const dir = `${ortBinaries}/darwin/${arch}`;
      const library = readdirSync(join(root, dir)).find((name) => /^libonnxruntime\.\d+\.\d+\.\d+\.dylib$/.test(name));
      expect(library, dir).toBeDefined();
      expect(readFileSync(join(root, dir, String(library))).includes('CoreMLExecutionProvider'), dir).toBe(true);
    }
  });

  it('packs the updater, a production dependency, into every package', () => {
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // electron-builder packs production dependencies only.
    expect(Object.keys(dependencies)).toContain('electron-updater');
    for (const platform of ['linux', 'win', 'mac'] as const) {
      expect(nodeModuleIncluded(platform, 'arm64')('node_modules/electron-updater/out/main.js'), platform).toBe(true);
    }
  });

  it('has icons at every size, rendered from icon.svg', () => {
    const linuxIcons = String(platformOptions('linux').icon);
    const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
    expect(readdirSync(join(root, linuxIcons)).sort()).toEqual(sizes.map((n) => `${n}x${n}.png`).sort());
    for (const n of sizes) expect(pngSize(join(linuxIcons, `${n}x${n}.png`))).toEqual({ width: n, height: n });
    for (const platform of ['mac', 'win'] as const) {
      const icon = String(platformOptions(platform).icon);
      expect(pngSize(icon), platform).toEqual({ width: 1024, height: 1024 });
    }
    expect(relative(root, join(root, String(config.directories?.buildResources)))).toBe('resources');
  });
});
