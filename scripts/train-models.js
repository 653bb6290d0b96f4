// `npm run train:models`: retrains every shipped model (seeded, on the CPU: the same files each
// time) into models/, then lays their cards out as the repository's formatter does.
// `npm run train:models -- --benchmarks [--benchmark state|switch-feature] [--fold K] [--epochs N]`
// trains the State and Switch-Feature black boxes (5 folds each) into models/benchmarks/ instead;
// --benchmark and --fold narrow the run (each may repeat), --epochs departs from the recipe's 50.
// `npm run train:models -- --timex [--dataset freqshapes|seqcomb-uv|seqcomb-mv|lowvar] [--split K] [--epochs N]
// [--checkpoints DIR]` trains TimeX++'s TransformerMVTS black boxes (default: FreqShapes, splits 0–4) into
// models/benchmarks/<dataset>/split-<k>.onnx (see src-main/models/training/timex-black-boxes.ts); with
// --checkpoints each run saves its state in DIR after every epoch, and a stopped run started again
// continues from there.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { bundleAndRun } from './bundle-and-run.js';

const { values } = parseArgs({
  options: {
    benchmarks: { type: 'boolean', default: false },
    benchmark: { type: 'string', multiple: true },
    fold: { type: 'string', multiple: true },
    epochs: { type: 'string' },
    timex: { type: 'boolean', default: false },
    dataset: { type: 'string', multiple: true },
    split: { type: 'string', multiple: true },
    checkpoints: { type: 'string' },
  },
});

const shipped = `
import { trainShippedModels } from './src-main/models/shipped';
import { describeTrainingProgress } from './src-main/models/training';
const rebuilt = await trainShippedModels('models', (id, p) => console.log(\`\${id}: \${describeTrainingProgress(p)}\`));
for (const m of rebuilt) console.log(\`wrote \${m.path}: \${JSON.stringify(m.metrics)}\`);
`;
const benchmarks = `
import { trainBenchmarkClassifiers } from './src-main/models/shipped/benchmark-classifiers';
import { describeTrainingProgress } from './src-main/models/training';
const choice = JSON.parse(process.argv[2] ?? '{}');
const written = await trainBenchmarkClassifiers('models', choice, (id, p) => console.log(\`\${id}: \${describeTrainingProgress(p)}\`));
for (const m of written) console.log(\`wrote \${m.path} (trained in \${m.trainingSec.toFixed(0)} s): \${JSON.stringify(m.metrics)}\`);
`;

const choice = {
  ...(values.benchmark ? { benchmarks: values.benchmark } : {}),
  ...(values.fold ? { folds: values.fold.map(Number) } : {}),
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
};
const timex = `
import { trainTimexBlackBoxes } from './src-main/models/training/timex-black-boxes';
import { describeTrainingProgress } from './src-main/models/training';
const choice = JSON.parse(process.argv[2] ?? '{}');
const written = await trainTimexBlackBoxes('models', choice, (id, p) => console.log(\`\${id}: \${describeTrainingProgress(p)}\`));
for (const m of written) console.log(\`wrote \${m.path} (epoch \${m.keptEpoch} kept, trained in \${m.trainingSec.toFixed(0)} s): \${JSON.stringify(m.metrics)}\`);
`;
const timexChoice = {
  ...(values.dataset ? { datasets: values.dataset } : {}),
  ...(values.split ? { splits: values.split.map(Number) } : {}),
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  ...(values.checkpoints ? { checkpoints: values.checkpoints } : {}),
};

const status = values.timex
  ? await bundleAndRun({ contents: timex }, 'out/train-models/train-timex.js', [JSON.stringify(timexChoice)])
  : values.benchmarks
    ? await bundleAndRun({ contents: benchmarks }, 'out/train-models/train-benchmarks.js', [JSON.stringify(choice)])
    : await bundleAndRun({ contents: shipped }, 'out/train-models/train-models.js');
if (status !== 0) process.exit(status);
const cards = values.benchmarks || values.timex ? 'models/benchmarks/**/*.json' : 'models/*.json';
process.exit(spawnSync('npx', ['prettier', '--write', cards], { stdio: 'inherit' }).status ?? 1);
