import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ort from 'onnxruntime-node';
import type { ExecutionProvider } from '../api/contract';

/**
 * Providers whose library ONNX Runtime's npm package does not ship (too large for the registry):
 * they count as installed once their shared library sits beside the binding, which is where
 * `npm run ort:install-cuda` puts it.
 */
const providerLibraries: Record<string, Record<string, string>> = {
  cuda: { linux: 'libonnxruntime_providers_cuda.so', win32: 'onnxruntime_providers_cuda.dll' },
  tensorrt: { linux: 'libonnxruntime_providers_tensorrt.so', win32: 'onnxruntime_providers_tensorrt.dll' },
};

export function onnxRuntimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}

/** The execution providers this ONNX Runtime build supports, and whether each is usable here. */
export function listExecutionProviders(): ExecutionProvider[] {
  const bindingDir = onnxRuntimeBindingDir();
  return ort.listSupportedBackends().map(({ name, bundled }) => {
    if (bundled) return { name, status: 'bundled' };
    const library = providerLibraries[name]?.[process.platform];
    const installed = library !== undefined && existsSync(join(bindingDir, library));
    return { name, status: installed ? 'installed' : 'not-installed' };
  });
}

function onnxRuntimeBindingDir(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
  return join(packageDir, 'bin', 'napi-v6', process.platform, process.arch);
}
