import { formatShape } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';
import type { ConvGeometry } from './shared/conv-geometry';
import { padsOf } from './shared/conv-geometry';
import { convBiasGradient, convWeightGradient } from './shared/conv-gradient';

interface TransposedConv {
  /** The geometry of the forward Conv whose adjoint this op is (its input is this op's output). */
  readonly adjointOf: ConvGeometry;
  readonly outputPadding: readonly number[];
  readonly group: number;
  readonly outChannels: number;
}

/** Resolves pads and output size, including `output_shape` and auto_pad (ONNX's rules for them). */
function resolve(node: NodeInfo): TransposedConv {
  const [x, w] = [node.input(0).shape, node.input(1).shape];
  const { attrs } = node;
  const group = attrs.int('group', 1);
  const [, channels = 0, ...spatial] = x;
  const [inChannels = 0, perGroupOut = 0, ...kernel] = w;
  if (inChannels !== channels || w.length !== x.length || spatial.length === 0) {
    node.fail(`input ${formatShape(x)} and weight ${formatShape(w)} must be [N, C, …] and [C, M/group, k…]`);
  }
  const rank = spatial.length;
  const zeros = new Array<number>(rank).fill(0);
  const strides = attrs.ints(
    'strides',
    zeros.map(() => 1),
  );
  const dilations = attrs.ints(
    'dilations',
    zeros.map(() => 1),
  );
  const outputPadding = [...attrs.ints('output_padding', zeros)];
  const span = (i: number): number => (dilations[i] ?? 1) * ((kernel[i] ?? 1) - 1) + 1;
  const full = spatial.map((l, i) => (strides[i] ?? 1) * (l - 1) + (outputPadding[i] ?? 0) + span(i));
  const autoPad = attrs.string('auto_pad', 'NOTSET');
  let padsBegin: number[];
  let padsEnd: number[];
  if (attrs.has('output_shape') || autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const target = attrs.has('output_shape')
      ? attrs.ints('output_shape').slice(-rank)
      : spatial.map((l, i) => l * (strides[i] ?? 1));
    const totals = full.map((f, i) => f - (target[i] ?? 0));
    const half = totals.map((t) => Math.floor(t / 2));
    const upper = autoPad === 'SAME_UPPER';
    padsBegin = totals.map((t, i) => (upper ? (half[i] ?? 0) : t - (half[i] ?? 0)));
    padsEnd = totals.map((t, i) => (upper ? t - (half[i] ?? 0) : (half[i] ?? 0)));
  } else {
    const pads = autoPad === 'VALID' ? [...zeros, ...zeros] : attrs.ints('pads', [...zeros, ...zeros]);
    padsBegin = pads.slice(0, rank);
    padsEnd = pads.slice(rank);
  }
  const output = full.map((f, i) => f - (padsBegin[i] ?? 0) - (padsEnd[i] ?? 0));
  if (output.some((o) => o <= 0)) node.fail(`the output size ${formatShape(output)} is not positive`);
  const adjointOf = { strides, dilations, padsBegin, padsEnd, kernel, input: output, output: spatial };
  return { adjointOf, outputPadding, group, outChannels: perGroupOut * group };
}

export const ConvTranspose: OpDefinition = {
  op: 'ConvTranspose',
  infer: (node) => {
    const { adjointOf, outChannels } = resolve(node);
    const x = node.input(0);
    return [{ dtype: x.dtype, shape: [x.shape[0] ?? 1, outChannels, ...adjointOf.input] }];
  },
  canonicalize: ({ g, node, inputs }) => {
    // Explicit pads and output padding: one form for ONNX Runtime and for the gradient rule.
    if (!node.attrs.has('output_shape') && node.attrs.string('auto_pad', 'NOTSET') === 'NOTSET') return undefined;
    const { adjointOf, outputPadding, group } = resolve(node);
    const attributes = {
      strides: adjointOf.strides,
      dilations: adjointOf.dilations,
      pads: padsOf(adjointOf),
      output_padding: outputPadding,
      group,
    };
    return [g.op('ConvTranspose', inputs, attributes, { name: node.name })];
  },
  vjp: ({ dy, x, needs, node, g }) => {
    const { adjointOf, group } = resolve(node);
    // ConvTranspose is the adjoint of a Conv with the same weight: its input gradient is that Conv.
    const inputGradient = (): ReturnType<typeof g.op> =>
      g.op('Conv', [dy, x(1)], {
        strides: adjointOf.strides,
        dilations: adjointOf.dilations,
        pads: padsOf(adjointOf),
        group,
      });
    return [
      needs(0) ? inputGradient() : undefined,
      // Its weight gradient is the Conv's, with input and output gradient exchanging roles.
      needs(1) ? convWeightGradient(x(0), dy, adjointOf, group) : undefined,
      needs(2) ? convBiasGradient(dy) : undefined,
    ];
  },
};
