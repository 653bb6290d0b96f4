import { describe, expect, it } from 'vitest';
import { tensor, toNumbers } from '../../engine/ir';
import { Program } from '../../engine/program';
import { Tracer } from '../../engine/trace';
import { rowLosses } from './losses';
import type { ClassificationLoss } from './losses';

async function classificationLosses(logits: number[][], labels: number[], kind: ClassificationLoss): Promise<number[]> {
  const g = new Tracer();
  const classes = logits[0]?.length ?? 0;
  const oneHot = labels.flatMap((y) => Array.from({ length: classes }, (_, k) => (k === y ? 1 : 0)));
  const outputs = g.constant(tensor('float32', [labels.length, classes], Float32Array.from(logits.flat())));
  const targets = g.constant(tensor('float32', [labels.length, classes], Float32Array.from(oneHot)));
  const { y } = await (await Program.compile({ y: rowLosses('classification', outputs, targets, kind) })).run({});
  return toNumbers(y ?? tensor('float32', [0]));
}

describe('classification losses', () => {
  const logits = [
    [2, -1, 0.5],
    [-3, 4, 1],
    [0, 0, 0],
  ];
  const labels = [0, 2, 1];
  // p_y from the softmax written out in float64.
  const py = logits.map((row, n) => {
    const e = row.map(Math.exp);
    return (e[labels[n] ?? 0] ?? NaN) / e.reduce((a, b) => a + b, 0);
  });

  it('cross-entropy is −log p_y', async () => {
    (await classificationLosses(logits, labels, 'cross-entropy')).forEach((v, n) =>
      expect(v).toBeCloseTo(-Math.log(py[n] ?? NaN), 5),
    );
  });

  it('Poly-1 (ε = 1) is −log p_y + 1 − p_y', async () => {
    (await classificationLosses(logits, labels, 'poly-1')).forEach((v, n) =>
      expect(v).toBeCloseTo(-Math.log(py[n] ?? NaN) + 1 - (py[n] ?? NaN), 5),
    );
  });
});
