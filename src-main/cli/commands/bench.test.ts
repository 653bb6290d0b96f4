import { describe, expect, it } from 'vitest';
import { salience } from '../../../test/support/run-cli';
import { tensor, toNumbers } from '../../engine';
import { generateBenchmark, whiteBoxModel } from '../../datasets/benchmarks';
import { findExplainer } from '../../explain';
import { normalisedMagnitudes } from '../../explain-bench/testing/normalised-magnitudes';
import { contralspRareAup, contralspRareAur, contralspRareEntropy, contralspRareInformation } from '../../metrics';

interface MeanStd {
  mean: number;
  std: number;
}
interface Report {
  dataset: string;
  runs: number;
  firstRun: number;
  methods: Record<string, Record<string, MeanStd | number | Record<string, number>[]>>;
}

interface FittedRun {
  run: number;
  split: number;
  fit: Record<string, number>;
}

/** `salience bench explain` with space-separated arguments. */
const benchExplain = (args: string): ReturnType<typeof salience> => salience('bench', 'explain', ...args.split(' '));

describe('salience bench explain', () => {
  it('--quick --json on rare-time: the shape of the issue, metrics in range, equal to the metrics of the same maps computed directly', async () => {
    const result = await benchExplain('--dataset rare-time --methods integrated-gradients,fo --runs 1 --quick --json');
    expect(result.code).toBe(0);
    expect(result.err).toContain('rare-time run 1/1: integrated-gradients');
    const report = JSON.parse(result.out) as Report;
    expect(Object.keys(report)).toEqual(['dataset', 'runs', 'methods']);
    expect(report.dataset).toBe('rare-time');
    expect(report.runs).toBe(1);
    expect(Object.keys(report.methods)).toEqual(['integrated-gradients', 'fo']);
    // Each run's progress line carries its scores (one run: the table's means).
    const fo = report.methods.fo ?? {};
    const scores = ['AUP', 'AUR', 'I', 'S'].map((name) => `${name} ${(fo[name] as MeanStd).mean.toFixed(3)}`);
    expect(result.err).toMatch(new RegExp(`rare-time run 1/1: fo .*; ${scores.join(', ')}\n`));
    for (const row of Object.values(report.methods)) {
      expect(Object.keys(row)).toEqual(['AUP', 'AUR', 'I', 'S', 'seconds', 'peakRssMb']);
      for (const name of ['AUP', 'AUR']) {
        const { mean, std } = row[name] as MeanStd;
        expect(mean).toBeGreaterThanOrEqual(0);
        expect(mean).toBeLessThanOrEqual(1);
        expect(std).toBe(0);
      }
      expect((row.seconds as MeanStd).mean).toBeGreaterThan(0);
      expect(row.peakRssMb).toBeGreaterThan(0);
    }

    // Run 1 is seed 0. The same maps, made here: IG from 0 of the white box Σ x² is x² at the
    // salient cells (exactly), FO the occlusion of each cell by the set's mean; both |·|, per sample.
    const dataset = generateBenchmark('rare-time', { seed: 0, size: 'quick' });
    const [N, T, F] = dataset.shape;
    const truth = tensor('uint8', dataset.shape, dataset.truth);
    const x = tensor('float32', dataset.shape, dataset.x);
    const squares = Float32Array.from(dataset.x, (v, i) => (dataset.truth[i] ? v * v : 0));
    const { saliency: occluded } = await findExplainer('occlusion').explain({
      model: { name: 'white box', onnx: await whiteBoxModel(dataset), output: 'values' },
      x,
      params: { window: [1, 1], baseline: 'mean', attributionsFn: 'abs', internalBatchSize: N },
      seed: 0,
      reference: x,
    });
    const maps = {
      'integrated-gradients': normalisedMagnitudes(squares, T * F),
      fo: normalisedMagnitudes(toNumbers(occluded), T * F),
    };
    for (const [method, map] of Object.entries(maps)) {
      const attributions = tensor('float32', dataset.shape, map);
      const row = report.methods[method] ?? {};
      const mean = (name: string): number => (row[name] as MeanStd).mean;
      expect(mean('AUP')).toBeCloseTo(contralspRareAup(attributions, truth), 5);
      expect(mean('AUR')).toBeCloseTo(contralspRareAur(attributions, truth), 5);
      expect(mean('I')).toBeCloseTo(contralspRareInformation(attributions, truth) / 1e4, 5);
      expect(mean('S')).toBeCloseTo(contralspRareEntropy(attributions, truth) / 1e2, 4);
    }
  }, 120_000);

  it('--first-run K does runs K … K+N−1 as a whole table does them, and --json lists each run with its scores', async () => {
    const whole = JSON.parse(
      (await benchExplain('--dataset rare-time --methods fo --first-run 1 --runs 2 --quick --json')).out,
    ) as Report;
    expect(whole.firstRun).toBe(1);
    const split = await benchExplain('--dataset rare-time --methods fo --first-run 2 --runs 1 --quick --json');
    expect(split.code).toBe(0);
    expect(split.err).toContain('rare-time run 2/2: fo');
    const second = JSON.parse(split.out) as Report;
    expect(second.firstRun).toBe(2);
    const scores = (report: Report): Record<string, number | undefined>[] =>
      (report.methods.fo?.each as Record<string, number>[]).map(({ run, AUP, AUR, I, S }) => ({ run, AUP, AUR, I, S }));
    expect(scores(whole).map((r) => r.run)).toEqual([1, 2]);
    expect(scores(second)).toEqual([scores(whole)[1]]);
    expect(scores(whole)[0]).not.toEqual({ ...scores(whole)[1], run: 1 });
  }, 120_000);

  it('--json lists a fitted explainer’s selected epoch and its state there with each run', async () => {
    const result = await benchExplain('--dataset freqshapes --methods timexpp --first-run 2 --runs 1 --quick --json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as { methods: Record<string, { each: FittedRun[] }> };
    const [run] = report.methods.timexpp?.each ?? [];
    expect(run).toMatchObject({ run: 2, split: 1 });
    const { selectedEpoch, meanPi, maskDensity, lastBatchLoss } = run?.fit ?? {};
    expect(Number.isInteger(selectedEpoch) && (selectedEpoch ?? 0) >= 1).toBe(true);
    expect(result.err).toContain(`freqshapes run 2/2: timexpp`);
    expect(result.err).toContain(`selected epoch ${selectedEpoch}`);
    for (const value of [meanPi, maskDensity]) expect(value).toBeGreaterThan(0);
    for (const value of [meanPi, maskDensity]) expect(value).toBeLessThan(1);
    expect(Number.isFinite(lastBatchLoss)).toBe(true);
  }, 120_000);

  it('prints the table with the paper’s rows, and compares nothing on the quick size', async () => {
    const result = await benchExplain('--dataset rare-observation --methods afo --runs 2 --quick');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe(
      'rare-observation: 2 runs, quick size; mean ± population std over runs; I in 10^4, S in 10^2',
    );
    expect(lines.find((l) => l.startsWith('afo '))).toMatch(/quick size: not compared$/);
    expect(lines.find((l) => l.startsWith('  paper AFO'))).toMatch(
      /1\.00 ± 0\.00 +0\.16 ± 0\.00 +0\.55 ± 0\.01 +56\.81 ± 0\.39$/,
    );
  }, 120_000);

  it.each<[string, string[], number, RegExp]>([
    ['no dataset', ['--methods', 'fo'], 2, /bench explain needs --dataset D/],
    ['no methods', ['--dataset', 'rare-time'], 2, /bench explain needs --methods a,b/],
    [
      'bad runs',
      ['--dataset', 'rare-time', '--methods', 'fo', '--runs', '0'],
      2,
      /--runs: expected a positive whole number/,
    ],
    [
      'a first run without a black box',
      ['--dataset', 'freqshapes', '--methods', 'timexpp', '--first-run', '5', '--runs', '2'],
      1,
      /freqshapes: no black box for run 6: .*split-5\.onnx does not exist/,
    ],
    [
      "runs past LowVar's four",
      ['--dataset', 'lowvar', '--methods', 'timexpp', '--first-run', '4', '--runs', '2'],
      1,
      /lowvar: its Table 1 row pools 4 runs \(the official script's splits 1, 2, 3 and 5; timexpp\.md §7\.2\); runs 4–5 go past them/,
    ],
    [
      'a method without a paper setting',
      ['--dataset', 'rare-time', '--methods', 'deeplift'],
      1,
      /^salience: method 'deeplift': rare-time has paper settings for fo, afo, integrated-gradients/,
    ],
  ])('refuses %s', async (_, args, code, message) => {
    const result = await salience('bench', 'explain', ...args);
    expect(result.code).toBe(code);
    expect(result.out).toBe('');
    expect(result.err).toMatch(message);
  });
});
