// `npm run ort:install-cuda`: fetches ONNX Runtime's CUDA 12 execution provider (too large for
// the npm registry, so onnxruntime-node downloads it from NuGet). A plain `npm install` skips it
// (allowScripts in package.json) so that installs work without network access.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../node_modules/onnxruntime-node/script/install.js', import.meta.url));
const result = spawnSync(process.execPath, [script], {
  stdio: 'inherit',
  env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'cuda12' },
});
process.exit(result.status ?? 1);
