/**
 * Prints the mask-step timings of the PyTorch fixture models next to PyTorch's reference figures
 * (test/fixtures/engine/onnx-grad/REFERENCE-TIMINGS.md, 1 thread, batch 16). Run from the repository root:
 *
 *   npx esbuild src-main/engine/bench/print-mask-step-timings.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=node_modules/.cache/salience/mask-step.mjs && node node_modules/.cache/salience/mask-step.mjs [threads] [steps]
 */
import { fixtureArray, fixtureBytes, fixtureModels } from '../testing/fixtures';
import { timeMaskStep } from './mask-step';

/** PyTorch 1.13 CPU, 1 thread, ms per step (REFERENCE-TIMINGS.md). */
const pytorchMs: Record<string, number> = {
  cnn1d_beat: 4.6,
  resnet1d_12lead: 6.1,
  gru_state: 10.3,
  lstm_icu: 4.3,
  transformer_ts: 7.2,
  mlp_flat: 0.37,
};

const threads = Number(process.argv[2] ?? 1);
const steps = Number(process.argv[3] ?? 30);
console.log(`mask step, batch 16, Adam, ONNX Runtime CPU with ${threads} intra-op thread(s)`);
console.log('model              shape            median ms   min ms   PyTorch ms   ratio (median / PyTorch)');
for (const name of fixtureModels) {
  const timing = await timeMaskStep(fixtureBytes(name), fixtureArray(name, 'x'), fixtureArray(name, 'target'), {
    intraOpThreads: threads,
    steps,
  });
  const reference = pytorchMs[name] ?? NaN;
  console.log(
    [
      name.padEnd(18),
      `[${timing.shape.join(', ')}]`.padEnd(16),
      timing.medianMs.toFixed(2).padStart(9),
      timing.minMs.toFixed(2).padStart(8),
      reference.toFixed(2).padStart(12),
      (timing.medianMs / reference).toFixed(2).padStart(10),
    ].join(' '),
  );
}
