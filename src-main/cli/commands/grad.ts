import { readFileSync, writeFileSync } from 'node:fs';
import { inputGradient, readNpy, toNumbers, writeNpy, type GradientSeed } from '../../engine';
import { openStudy } from '../../store';
import { blackBoxReference } from '../black-box-reference';
import { type Command, UsageError } from '../command';

export const gradCommand: Command = {
  name: 'grad',
  summary: "write the input gradient of a model's output as .npy",
  description:
    "Computes d Σ_b y[b, T_b] / dx for targets T (an integer for every row, or an int64 .npy with one per row), or Jᵀu for a cotangent U shaped like the output, with the engine's gradient graph on ONNX Runtime. X is float32 [B, T, D]. M is an .onnx file (its card beside it) or, with --study, a registered model id.",
  options: {
    model: {
      type: 'string',
      value: 'M',
      required: true,
      description: 'the model: an .onnx file, or a registered id with --study',
    },
    input: { type: 'string', value: 'X.npy', required: true, description: 'the input windows [B, T, D]' },
    target: { type: 'string', value: 'T', description: 'class index for every row, or an int64 .npy of one per row' },
    cotangent: {
      type: 'string',
      value: 'U.npy',
      description: 'a cotangent shaped like the output (instead of --target)',
    },
    out: { type: 'string', value: 'G.npy', required: true, description: 'the gradient to write' },
    study: { type: 'string', value: 'S', description: 'the study holding a registered model' },
  },
  async run({ values, json, io }) {
    const seed = gradientSeed(values.target, values.cotangent);
    const study = typeof values.study === 'string' ? openStudy(values.study) : undefined;
    try {
      const model = await blackBoxReference(values.model as string, study);
      const inputPath = values.input as string;
      const x = readNpy(readFileSync(inputPath), inputPath);
      const { gradient } = await inputGradient(model.onnx, x, seed);
      const out = values.out as string;
      writeFileSync(out, writeNpy(gradient));
      if (json) io.out(`${JSON.stringify({ out, shape: gradient.shape, model: model.name })}\n`);
      else io.out(`wrote ${out}: [${gradient.shape.join(', ')}] float32, the input gradient of ${model.name}\n`);
    } finally {
      study?.close();
    }
  },
};

function gradientSeed(target: string | boolean | undefined, cotangent: string | boolean | undefined): GradientSeed {
  if ((target === undefined) === (cotangent === undefined))
    throw new UsageError('give exactly one of --target and --cotangent');
  if (typeof cotangent === 'string') return { cotangent: readNpy(readFileSync(cotangent), cotangent) };
  const value = target as string;
  if (/^\d+$/.test(value)) return { targets: [Number(value)] };
  if (!value.endsWith('.npy'))
    throw new UsageError(`--target: expected a class index or an int64 .npy, got '${value}'`);
  return { targets: toNumbers(readNpy(readFileSync(value), value)) };
}
