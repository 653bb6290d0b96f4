import { formatShape, toNumbers } from '../../../ir';
import type { ValueType } from '../../../ir';
import type { AttributeInit, Traced } from '../../../trace';
import type { CanonicalContext, NodeInfo, OpDefinition, VjpContext } from '../../definition';
import { activationAttributes, activationSpecs } from './activations';
import type { ActivationSpec } from './activations';

/** What distinguishes GRU, LSTM and RNN to the shared shape rule and rewrites. */
export interface RecurrentKind {
  readonly op: string;
  /** Gates stacked in W and R (3, 4, 1). */
  readonly gates: number;
  readonly activations: readonly string[];
  /** Inputs holding per-direction state: initial_h (and initial_c). */
  readonly stateInputs: readonly number[];
  /** Outputs: Y, Y_h (and Y_c). */
  readonly outputs: number;
  /** Inputs that are per-direction stacks, sliced when a bidirectional node is split. */
  readonly perDirection: readonly number[];
}

export interface RecurrentConfig {
  readonly steps: number;
  readonly batch: number;
  readonly hidden: number;
  readonly directions: number;
  readonly reverse: boolean;
  readonly layout: number;
  readonly clip: number | undefined;
  readonly activations: readonly ActivationSpec[];
}

export function recurrentConfig(node: NodeInfo, kind: RecurrentKind): RecurrentConfig {
  const x = node.input(0).shape;
  const w = node.input(1).shape;
  if (x.length !== 3 || w.length !== 3) node.fail('X must be rank 3 and W [directions, gates × hidden, input]');
  const layout = node.attrs.int('layout', 0);
  const direction = node.attrs.string('direction', 'forward');
  const directions = direction === 'bidirectional' ? 2 : 1;
  if (!['forward', 'reverse', 'bidirectional'].includes(direction)) node.fail(`direction '${direction}' is unknown`);
  const hidden = node.attrs.int('hidden_size', (w[1] ?? 0) / kind.gates);
  const [steps = 0, batch = 0] = layout === 0 ? x : [x[1], x[0]];
  const expect = (index: number, shape: readonly number[]): void => {
    const actual = node.optionalInput(index)?.shape;
    if (actual && actual.join() !== shape.join()) {
      node.fail(`input ${index} has shape ${formatShape(actual)}, expected ${formatShape(shape)}`);
    }
  };
  expect(1, [directions, kind.gates * hidden, x[2] ?? 0]);
  expect(2, [directions, kind.gates * hidden, hidden]);
  expect(3, [directions, 2 * kind.gates * hidden]);
  expect(4, [batch]);
  for (const i of kind.stateInputs) expect(i, layout === 0 ? [directions, batch, hidden] : [batch, directions, hidden]);
  const clip = node.attrs.has('clip') ? node.attrs.float('clip') : undefined;
  return {
    steps,
    batch,
    hidden,
    directions,
    reverse: direction === 'reverse',
    layout,
    clip,
    activations: activationSpecs(node, kind.activations, directions),
  };
}

export function inferRecurrent(node: NodeInfo, kind: RecurrentKind): ValueType[] {
  const { steps, batch, hidden, directions, layout } = recurrentConfig(node, kind);
  const dtype = node.input(0).dtype;
  const y = layout === 0 ? [steps, directions, batch, hidden] : [batch, steps, directions, hidden];
  const state = layout === 0 ? [directions, batch, hidden] : [batch, directions, hidden];
  return [{ dtype, shape: y }, ...Array.from({ length: kind.outputs - 1 }, () => ({ dtype, shape: state }))];
}

/**
 * Rewrites a node into the form the gradient rule handles and ONNX Runtime runs: layout 0 (ONNX
 * Runtime's CPU provider has no batch-major recurrent kernels), one direction per node (a
 * bidirectional node is a forward and a reverse node on the two weight slices, outputs
 * concatenated), and no sequence_lens when every sequence is full length.
 */
export function canonicalizeRecurrent(ctx: CanonicalContext, kind: RecurrentKind): readonly Traced[] | undefined {
  const { g, node, inputs } = ctx;
  const config = recurrentConfig(node, kind);
  const attributes = node.attrs.attributes;
  const emit = (ins: readonly (Traced | undefined)[], extra: Readonly<Record<string, AttributeInit>>): Traced[] =>
    g.opN(kind.op, ins, { ...attributes, ...extra }, { name: node.name, outputs: node.outputCount });

  if (config.layout === 1) {
    const timeMajor = inputs.map((v, i) =>
      v && (i === 0 || kind.stateInputs.includes(i)) ? v.transpose([1, 0, 2]) : v,
    );
    const outs = emit(timeMajor, { layout: 0 });
    return outs.map((v, i) => v.transpose(i === 0 ? [2, 0, 1, 3] : [1, 0, 2]));
  }
  const lengths = node.value(4);
  if (lengths && toNumbers(lengths).every((l) => l === config.steps)) {
    return emit(
      inputs.map((v, i) => (i === 4 ? undefined : v)),
      {},
    );
  }
  if (config.directions === 1) return undefined;
  const perGate = kind.activations.length;
  const [forward, reverse] = [0, 1].map((d) =>
    emit(
      inputs.map((v, i) => (v && kind.perDirection.includes(i) ? v.slice([d], [d + 1], [0]) : v)),
      {
        direction: d === 0 ? 'forward' : 'reverse',
        // Each half gets its own activations and exactly the parameters they consume.
        activation_alpha: { kind: 'floats', value: [] },
        activation_beta: { kind: 'floats', value: [] },
        ...activationAttributes(config.activations.slice(d * perGate, (d + 1) * perGate)),
      },
    ),
  ) as [Traced[], Traced[]];
  return forward.map((f, i) => g.concat([f, reverse[i] as Traced], i === 0 ? 1 : 0));
}

/** Shape rule, canonicaliser and gradient rule of a recurrent op. */
export function recurrentOp(
  kind: RecurrentKind,
  vjp: (ctx: VjpContext, config: RecurrentConfig) => (Traced | undefined)[],
): OpDefinition {
  return {
    op: kind.op,
    infer: (node) => inferRecurrent(node, kind),
    canonicalize: (ctx) => canonicalizeRecurrent(ctx, kind),
    vjp: (ctx) => {
      const config = recurrentConfig(ctx.node, kind);
      if (ctx.input(4)) ctx.node.fail('gradients through sequence_lens shorter than the sequence are not supported');
      return vjp(ctx, config);
    },
  };
}
