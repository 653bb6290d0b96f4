import { describe, expect, it } from 'vitest';
import type { MethodSummary } from './aggregate';
import { formatJson, formatText } from './format';
import type { ExplainBenchResult } from './run-loop';

const ms = (mean: number, std = 0): { mean: number; std: number } => ({ mean, std });

function summary(AUP: number, AUR: number, I: number, S: number, seconds = 20): MethodSummary {
  return {
    metrics: { AUP: ms(AUP), AUR: ms(AUR, 0.01), I: ms(I), S: ms(S) },
    seconds: ms(seconds, 1),
    cpuSeconds: ms(seconds * 2, 2),
    peakRssMb: 321.4,
    runs: [{ run: 2, split: 2, metrics: { AUP, AUR, I, S }, seconds, cpuSeconds: seconds * 2, peakRssMb: 321.4 }],
  };
}

const each = (AUP: number, AUR: number, I: number, S: number, seconds = 20): Record<string, number>[] => [
  { run: 3, split: 2, AUP, AUR, I, S, seconds, cpuSeconds: seconds * 2, peakRssMb: 321.4 },
];

// The paper's Rare-Time rows (spec §10): ContraLSP 1.00 / 0.97 / 19.51 / 4.65, ExtrMask 1.00 / 0.88 / 16.40 / 13.10.
const rareTime: ExplainBenchResult = {
  dataset: 'rare-time',
  runs: 5,
  firstRun: 0,
  size: 'full',
  metrics: ['AUP', 'AUR', 'I', 'S'],
  units: { I: 1e4, S: 1e2 },
  methods: {
    contralsp: summary(0.999, 0.975, 19.7, 4.1),
    extrmask: summary(1, 0.82, 16.5, 13, 10),
    'integrated-gradients': summary(1, 0.131, 0.46, 48.1, 6),
  },
};

describe('formatJson', () => {
  it('is one object: dataset, runs, and per method each metric and the seconds as {mean, std}, and the peak RSS', () => {
    const text = formatJson(rareTime);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(text) as unknown;
    expect(json).toEqual({
      dataset: 'rare-time',
      runs: 5,
      methods: {
        contralsp: {
          AUP: ms(0.999),
          AUR: ms(0.975, 0.01),
          I: ms(19.7),
          S: ms(4.1),
          seconds: ms(20, 1),
          peakRssMb: 321.4,
        },
        extrmask: {
          AUP: ms(1),
          AUR: ms(0.82, 0.01),
          I: ms(16.5),
          S: ms(13),
          seconds: ms(10, 1),
          peakRssMb: 321.4,
        },
        'integrated-gradients': {
          AUP: ms(1),
          AUR: ms(0.131, 0.01),
          I: ms(0.46),
          S: ms(48.1),
          seconds: ms(6, 1),
          peakRssMb: 321.4,
        },
      },
    });
  });

  it("adds the first run and each run's scores for a table split over processes", () => {
    const json = JSON.parse(formatJson({ ...rareTime, firstRun: 2 }, { eachRun: true })) as {
      firstRun: number;
      methods: Record<string, { each: unknown }>;
    };
    expect(json.firstRun).toBe(3);
    expect(json.methods.contralsp?.each).toEqual(each(0.999, 0.975, 19.7, 4.1));
    expect(json.methods.extrmask?.each).toEqual(each(1, 0.82, 16.5, 13, 10));
  });

  it('leaves out the metrics a table does not have', () => {
    const json = JSON.parse(
      formatJson({ ...rareTime, methods: { fo: { ...summary(1, 0.1, 0.4, 40), metrics: { AUP: ms(1) } } } }),
    ) as {
      methods: { fo: Record<string, unknown> };
    };
    expect(Object.keys(json.methods.fo)).toEqual(['AUP', 'seconds', 'peakRssMb']);
  });
});

describe('formatText', () => {
  const text = formatText(rareTime);
  const lines = text.split('\n');
  const line = (start: string): string => lines.find((l) => l.startsWith(start)) ?? '';

  it('titles the table with the dataset, runs, size and units', () => {
    expect(lines[0]).toBe('rare-time: 5 runs, full size; mean ± population std over runs; I in 10^4, S in 10^2');
    expect(lines[1]).toMatch(/^method +AUP +AUR +I +S +s\/run +CPU s\/run +peak RSS MB +PyTorch s\/run +vs paper$/);
  });

  it("puts the paper's row, the spec's tolerance and a verdict under each method", () => {
    expect(line('contralsp ')).toMatch(
      /0\.999 ± 0\.000 +0\.975 ± 0\.010 +19\.70 ± 0\.00 +4\.10 ± 0\.00 +20\.00 ± 1\.00 +40\.00 ± 2\.00 +321 /,
    );
    expect(line('contralsp ')).toMatch(/within tolerance$/);
    expect(line('  paper ContraLSP')).toMatch(/1\.00 ± 0\.00 +0\.97 ± 0\.01 +19\.51 ± 0\.30 +4\.65 ± 0\.71$/);
    expect(line('  tolerance')).toMatch(/± 0\.01 +± 0\.02 +± 0\.6 +± 2\.5$/);
    // ExtrMask's AUR 0.82 is 0.06 from the paper's 0.88: outside the ± 0.02.
    expect(line('extrmask ')).toMatch(/outside tolerance: AUR$/);
    expect(line('integrated-gradients ')).toMatch(/no tolerance in the spec$/);
    expect(line('  paper IG')).toMatch(/0\.13 ± 0\.00 +0\.46 ± 0\.01 +47\.61 ± 0\.62$/);
  });

  it("sets the time beside the spec's PyTorch time per run, as a ratio to each end of its range", () => {
    // ContraLSP Rare: 20–45 s in PyTorch; 20 s is 0.44× of 45 and 1.00× of 20.
    expect(line('contralsp ')).toContain('20–45 (ours 0.44–1.00×)');
    expect(line('integrated-gradients ')).not.toContain('×');
  });

  it('compares nothing on the quick size', () => {
    const quick = formatText({ ...rareTime, size: 'quick' });
    expect(quick).toContain('5 runs, quick size');
    expect(quick).not.toContain('within tolerance');
    expect(quick).not.toContain('×');
    expect(quick.match(/quick size: not compared/g)).toHaveLength(3);
  });

  it('uses the State table units and rows', () => {
    const state = formatText({
      ...rareTime,
      dataset: 'state',
      units: { I: 1e4, S: 1e3 },
      methods: { dynamask: summary(0.36, 0.79, 10.6, 25.1) },
    });
    expect(state).toContain('I in 10^4, S in 10^3');
    expect(state).toMatch(/ {2}paper Dynamask +0\.36 ± 0\.01 +0\.79 ± 0\.01 +10\.59 ± 0\.20 +25\.11 ± 0\.40\n/);
    expect(state).toContain('1800+ (ours ≤ 0.01×)');
  });
});
