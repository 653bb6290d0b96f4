// `npm run ort:install-cuda`: fetches ONNX Runtime's CUDA 12 execution provider (too large for
// the npm registry, so onnxruntime-node downloads it from NuGet). A plain `npm install` skips it
// (allowScripts in package.json) so that installs work without network access. The libraries
// land beside the binding, where the app finds them and `npm run dist` packages them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `npm run ort:install-cuda: ONNX Runtime's CUDA provider exists for Linux x64 only (this is ${process.platform}-${process.arch}).\n` +
      'DirectML (Windows) and CoreML (macOS) ship inside onnxruntime-node and need no install step.',
  );
  process.exit(1);
}

const packageDir = fileURLToPath(new URL('../node_modules/onnxruntime-node/', import.meta.url));
const result = spawnSync(process.execPath, [`${packageDir}script/install.js`], {
  stdio: 'inherit',
  env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'cuda12' },
});
if (result.status !== 0) {
  console.error('npm run ort:install-cuda: the download failed; it needs network access to api.nuget.org.');
  process.exit(result.status ?? 1);
}
const provider = `${packageDir}bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so`;
if (!existsSync(provider)) {
  console.error(`npm run ort:install-cuda: ${provider} is missing after the install.`);
  process.exit(1);
}
console.log('CUDA provider installed; it needs CUDA 12 and cuDNN 9 on this machine. The About panel lists it.');
