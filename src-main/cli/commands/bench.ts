import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../../app/app-root';
import { pytorchMaskStepMs, readNpy, timeMaskStep } from '../../engine';
import { AppError } from '../../errors';
import { BENCH_METHODS, benchExplain, formatJson, formatText } from '../../explain-bench';
import { type CliIo, type Command, type OptionValues, UsageError } from '../command';
import { formatTable } from '../table';

interface EngineRow {
  ms_per_step: number;
  mean_ms: number;
  min_ms: number;
  compile_ms: number;
  peak_rss_mb: number;
  pytorch_ms: number | null;
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark tables: the engine’s mask-optimisation step, the explainers on the papers’ datasets',
  description:
    "bench engine: the explainers' core workload on each gradient-fixture model (a folder of NAME.onnx with NAME.x.npy and NAME.target.npy): one Adam step on a mask through the frozen model, batch 16; median ms per step after warm-up, session compile time and the process's peak RSS, next to PyTorch's 1-thread figure where known. " +
    `bench explain --dataset D --methods a,b [--runs N] [--first-run K] [--quick]: the papers' table for dataset D (ContraLSP Table 1 for the Rare sets, Table 2 for state and switch-feature; TimeX++ Table 1 for freqshapes, seqcomb-uv, seqcomb-mv and lowvar, TimeX++ fitted on each split's training windows; for ecg-synth, ours: TimeX++'s AUP, AUR and AUPRC on the shipped ecg-beat-cnn's abnormal beats), each metric as mean ± population std over N runs (default 5, as the papers; LowVar 4, the splits its row pools) in the paper's units (I in 10^4, S in 10^2 for the Rare sets and 10^3 for the others), with wall seconds and peak RSS per run, under the paper's row, the spec's tolerance and a verdict; methods: ${BENCH_METHODS.join(', ')}, each run as the paper's scripts ran it; --quick: the datasets' small size, for CI. A dataset whose black box is missing (a trained classifier in models/benchmarks/D/fold-K.onnx) is refused.`,
  positionals: 'engine|explain',
  options: {
    dataset: { type: 'string', value: 'D', description: 'bench explain: the benchmark dataset, e.g. rare-time' },
    methods: { type: 'string', value: 'a,b', description: 'bench explain: comma-separated methods' },
    runs: {
      type: 'string',
      value: 'N',
      description: "bench explain: runs (default: the paper row's, 5; LowVar's 4, splits 1, 2, 3 and 5)",
    },
    'first-run': {
      type: 'string',
      value: 'K',
      description:
        "bench explain: start at run K (default 1): runs K … K+N−1, to split a table over processes; --json then lists each run's scores",
    },
    quick: { type: 'boolean', description: "bench explain: the datasets' small size (seconds, for CI)" },
    threads: {
      type: 'string',
      value: 'N',
      description: "bench engine: ONNX Runtime's intra-op threads (default: all cores)",
    },
    steps: {
      type: 'string',
      value: 'N',
      description: 'bench engine: timed steps per model (default 30, after 5 warm-up steps)',
    },
    models: {
      type: 'string',
      value: 'DIR',
      description: 'bench engine: the fixture folder (default: test/fixtures/engine/onnx-grad)',
    },
  },
  async run({ values, positionals, json, io }) {
    if (positionals.length === 1 && positionals[0] === 'explain') {
      await runExplain(values, json, io);
      return;
    }
    if (positionals.length !== 1 || positionals[0] !== 'engine') {
      throw new UsageError("expected 'bench engine' or 'bench explain'");
    }
    const threads = positiveInteger(values.threads, 'threads');
    const steps = positiveInteger(values.steps, 'steps') ?? 30;
    const dir =
      typeof values.models === 'string' ? values.models : join(appRoot(), 'test', 'fixtures', 'engine', 'onnx-grad');
    const names = fixtureNames(dir);
    const rows: Record<string, EngineRow> = {};
    for (const name of names) {
      const array = (kind: string): ReturnType<typeof readNpy> => {
        const file = join(dir, `${name}.${kind}.npy`);
        return readNpy(readFileSync(file), file);
      };
      const timing = await timeMaskStep(readFileSync(join(dir, `${name}.onnx`)), array('x'), array('target'), {
        steps,
        ...(threads === undefined ? {} : { intraOpThreads: threads }),
      });
      rows[name] = {
        ms_per_step: timing.medianMs,
        mean_ms: timing.meanMs,
        min_ms: timing.minMs,
        compile_ms: timing.compileMs,
        peak_rss_mb: process.resourceUsage().maxRSS / 1024,
        pytorch_ms: pytorchMaskStepMs[name] ?? null,
      };
      if (!json) io.err(`${name}: ${timing.medianMs.toFixed(2)} ms per step\n`);
    }
    if (json) {
      io.out(`${JSON.stringify({ threads: threads ?? 'all', steps, models: rows })}\n`);
      return;
    }
    io.out(
      formatTable(
        ['model', 'ms/step', 'mean ms', 'min ms', 'compile ms', 'peak RSS MB', 'PyTorch ms (1 thread)', 'ratio'],
        Object.entries(rows).map(([name, r]) => [
          name,
          r.ms_per_step.toFixed(2),
          r.mean_ms.toFixed(2),
          r.min_ms.toFixed(2),
          r.compile_ms.toFixed(0),
          r.peak_rss_mb.toFixed(0),
          r.pytorch_ms === null ? '' : r.pytorch_ms.toFixed(2),
          r.pytorch_ms === null ? '' : (r.ms_per_step / r.pytorch_ms).toFixed(2),
        ]),
      ),
    );
  },
};

async function runExplain(values: OptionValues, json: boolean, io: CliIo): Promise<void> {
  if (typeof values.dataset !== 'string') throw new UsageError('bench explain needs --dataset D');
  if (typeof values.methods !== 'string') throw new UsageError('bench explain needs --methods a,b');
  const result = await benchExplain({
    dataset: values.dataset,
    methods: values.methods.split(',').map((m) => m.trim()),
    runs: positiveInteger(values.runs, 'runs'),
    firstRun: (positiveInteger(values['first-run'], 'first-run') ?? 1) - 1,
    size: values.quick === true ? 'quick' : 'full',
    root: appRoot(),
    onProgress: (line) => io.err(`${line}\n`),
  });
  io.out(json ? formatJson(result, { eachRun: values['first-run'] !== undefined }) : formatText(result));
}

function fixtureNames(dir: string): string[] {
  if (!existsSync(dir)) {
    throw new AppError(
      'not-found',
      `${dir}: no gradient-fixture folder (bench engine runs from a checkout, or pass --models)`,
    );
  }
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.onnx'))
    .map((file) => file.slice(0, -'.onnx'.length))
    .filter((name) => existsSync(join(dir, `${name}.x.npy`)) && existsSync(join(dir, `${name}.target.npy`)));
  if (names.length === 0) throw new AppError('not-found', `${dir}: no NAME.onnx with NAME.x.npy and NAME.target.npy`);
  return names.sort();
}

function positiveInteger(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9]\d*$/.test(value)) {
    throw new UsageError(`--${name}: expected a positive whole number, got '${String(value)}'`);
  }
  return Number(value);
}
