import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBenchmark } from '../../datasets/benchmarks';
import { tensor } from '../../engine';
import type { Tensor } from '../../engine';
import { readModelFiles } from '../../models';
import { timexTrainMode } from '../../models/training/timex-train-mode';
import type { BlackBox } from '../black-box';

const BOX_FILE = join(import.meta.dirname, '../../../models/benchmarks/freqshapes/split-0.onnx');

/** FreqShapes split 0's shipped black box (TimeX++'s transformer), for the mask-generator tests. */
export const freqShapesBox: BlackBox = { name: 'freqshapes split 0', onnx: readFileSync(BOX_FILE), output: 'logits' };

/** The same box with its train mode (dropout on), as the benchmark harness hands it to TimeX++. */
export async function freqShapesTrainModeBox(): Promise<BlackBox> {
  return { ...freqShapesBox, trainMode: timexTrainMode('freqshapes', await readModelFiles(BOX_FILE)) };
}

/** Rows [from, from + count) of FreqShapes split 0 generated at full size (its black box's data). */
export function freqShapesRows(from: number, count: number): Tensor {
  const data = generateBenchmark('freqshapes', { seed: 0, size: 'full' });
  const [, time, features] = data.shape;
  const frame = time * features;
  return tensor('float32', [count, time, features], data.x.slice(from * frame, (from + count) * frame));
}
