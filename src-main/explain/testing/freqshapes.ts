import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBenchmark } from '../../datasets/benchmarks';
import { tensor } from '../../engine';
import type { Tensor } from '../../engine';
import type { BlackBox } from '../black-box';

/** FreqShapes split 0's shipped black box (TimeX++'s transformer), for the mask-generator tests. */
export const freqShapesBox: BlackBox = {
  name: 'freqshapes split 0',
  onnx: readFileSync(join(import.meta.dirname, '../../../models/benchmarks/freqshapes/split-0.onnx')),
  output: 'logits',
};

/** Rows [from, from + count) of FreqShapes split 0 generated at full size (its black box's data). */
export function freqShapesRows(from: number, count: number): Tensor {
  const data = generateBenchmark('freqshapes', { seed: 0, size: 'full' });
  const [, time, features] = data.shape;
  const frame = time * features;
  return tensor('float32', [count, time, features], data.x.slice(from * frame, (from + count) * frame));
}
