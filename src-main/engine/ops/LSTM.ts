import type { Traced } from '../trace';
import type { OpDefinition, VjpContext } from './definition';
import { activate } from './shared/recurrent/activations';
import type { Activated, ActivationSpec } from './shared/recurrent/activations';
import { recurrentOp } from './shared/recurrent/recurrent-op';
import type { RecurrentConfig } from './shared/recurrent/recurrent-op';
import {
  gatedProjection,
  gateStack,
  parameterGradients,
  perStep,
  project,
  stack,
  stateGradients,
  unroll,
} from './shared/recurrent/unroll';
import type { Unrolled } from './shared/recurrent/unroll';

/**
 * LSTM (gates i, o, f, c; peepholes P = [Pi, Po, Pf]; input_forget couples f = 1 - i). The forward
 * stays one ONNX LSTM node. Its gradient recomputes the gates for all steps from Y, and the cell
 * states (which the node does not output) by their elementwise recurrence, then runs the
 * recurrence backwards with one MatMul per step.
 */
export const LSTM: OpDefinition = recurrentOp(
  {
    op: 'LSTM',
    gates: 4,
    activations: ['Sigmoid', 'Tanh', 'Tanh'],
    stateInputs: [5, 6],
    outputs: 3,
    perDirection: [1, 2, 3, 5, 6, 7],
  },
  (ctx, config) => {
    const u = unroll(ctx, config, 4);
    const cells = recomputeCells(ctx, config, u);
    return backward(ctx, config, u, cells);
  },
);

interface Peepholes {
  readonly input: Traced;
  readonly output: Traced;
  readonly forget: Traced;
}

interface Cells {
  readonly input: Activated;
  readonly output: Activated;
  readonly forget: Activated | undefined;
  readonly forgetValue: Traced;
  readonly candidate: Activated;
  /** tanh-like h(C_t). */
  readonly cellOutput: Activated;
  readonly cell: Traced;
  readonly previousCell: Traced;
  readonly peepholes: Peepholes | undefined;
}

function recomputeCells(ctx: VjpContext, config: RecurrentConfig, u: Unrolled): Cells {
  const { g, input, attrs } = ctx;
  const { batch, hidden, clip } = config;
  const [f, gAct, h] = config.activations as [ActivationSpec, ActivationSpec, ActivationSpec];
  const pre = project(u.x, u.w, u.wb).add(project(u.previous, u.r, u.rb));
  const [ai, ao, af, ac] = g.split(pre, [hidden, hidden, hidden, hidden], 2) as [Traced, Traced, Traced, Traced];
  const p = input(7);
  const [pi, po, pf] = p
    ? (g.split(p.reshape([3 * hidden]), [hidden, hidden, hidden], 0) as [Traced, Traced, Traced])
    : [];
  const peepholes = pi && po && pf ? { input: pi, output: po, forget: pf } : undefined;
  const candidate = activate(gAct, ac, clip);
  const c0 = input(6)?.reshape([1, batch, hidden]) ?? g.zeros([1, batch, hidden], pre.dtype);
  const coupled = attrs.int('input_forget', 0) === 1;
  const gatesAt = (inputPre: Traced, forgetPre: Traced): CellGates =>
    cellGates(activate(f, inputPre, clip), coupled ? undefined : activate(f, forgetPre, clip));

  // The cell recurrence C_t = f_t C_{t-1} + i_t c~_t runs step by step (the node does not output
  // the cells). With peepholes the input and forget gates see C_{t-1} and are recomputed per step.
  const cells: Traced[] = [];
  const previous: Traced[] = [];
  let gates: CellGates;
  let cell = c0;
  if (peepholes) {
    const [inputSteps, forgetSteps, candidates] = [perStep(ai), perStep(af), perStep(candidate.value)];
    const stepGates: CellGates[] = [];
    for (const t of u.order) {
      previous[t] = cell;
      const gate = gatesAt(
        (inputSteps[t] as Traced).add(cell.mul(peepholes.input)),
        (forgetSteps[t] as Traced).add(cell.mul(peepholes.forget)),
      );
      stepGates[t] = gate;
      cell = cell.mul(gate.forgetValue).add(gate.input.value.mul(candidates[t] as Traced));
      cells[t] = cell;
    }
    gates = stackGates(stepGates, config);
  } else {
    gates = gatesAt(ai, af);
    const [forgets, products] = [perStep(gates.forgetValue), perStep(gates.input.value.mul(candidate.value))];
    for (const t of u.order) {
      previous[t] = cell;
      cell = cell.mul(forgets[t] as Traced).add(products[t] as Traced);
      cells[t] = cell;
    }
  }
  const cellAll = stack(cells, config);
  return {
    ...gates,
    output: activate(f, peepholes ? ao.add(cellAll.mul(peepholes.output)) : ao, clip),
    candidate,
    // ONNX Runtime clips the gates' pre-activations but not the cell state h() receives.
    cellOutput: activate(h, cellAll, undefined),
    cell: cellAll,
    previousCell: stack(previous, config),
    peepholes,
  };
}

/** Input and forget gates; with input_forget the forget gate is 1 - i and has no slope of its own. */
interface CellGates {
  readonly input: Activated;
  readonly forget: Activated | undefined;
  readonly forgetValue: Traced;
}

function cellGates(input: Activated, forget: Activated | undefined): CellGates {
  return { input, forget, forgetValue: forget ? forget.value : input.value.neg().add(1) };
}

function stackGates(perStepGates: readonly CellGates[], config: RecurrentConfig): CellGates {
  const join = (pick: (s: CellGates) => Traced): Traced => stack(perStepGates.map(pick), config);
  const activated = (pick: (s: CellGates) => Activated): Activated => ({
    value: join((s) => pick(s).value),
    slope: join((s) => pick(s).slope),
  });
  const forgets = perStepGates.flatMap((s) => (s.forget ? [s.forget] : []));
  const input = activated((s) => s.input);
  return cellGates(input, forgets.length > 0 ? activated((s) => s.forget ?? s.input) : undefined);
}

function backward(ctx: VjpContext, config: RecurrentConfig, u: Unrolled, c: Cells): (Traced | undefined)[] {
  const { g, needs } = ctx;
  const { batch, hidden } = config;
  const { input, output, candidate, cellOutput, peepholes } = c;
  // dH → d(o pre-activation); dH → dC; dC → d(i, f, c~ pre-activations); dC → dC_{t-1}.
  const toOutput = cellOutput.value.mul(output.slope);
  const hToCell = output.value.mul(cellOutput.slope);
  const toCellFromH = peepholes ? hToCell.add(toOutput.mul(peepholes.output)) : hToCell;
  const toInput = c.forget ? candidate.value.mul(input.slope) : candidate.value.sub(c.previousCell).mul(input.slope);
  const toForget = c.forget ? c.previousCell.mul(c.forget.slope) : g.zeros(toInput.shape, toInput.dtype);
  const toCandidate = input.value.mul(candidate.slope);
  const cellCarry = peepholes
    ? c.forgetValue.add(toInput.mul(peepholes.input)).add(toForget.mul(peepholes.forget))
    : c.forgetValue;

  const k = perStep(gateStack(g, [toInput, toOutput, toForget, toCandidate]));
  const fromH = perStep(toCellFromH);
  const carryC = perStep(cellCarry);
  const upstream = stateGradients(ctx, config, 1);
  const finalCell = ctx.grad(2)?.reshape([1, batch, hidden]) ?? g.zeros([1, batch, hidden], toInput.dtype);
  let carry = upstream.final;
  let cellGrad = finalCell;
  const dh: Traced[] = [];
  const dc: Traced[] = [];
  for (const t of u.backwardOrder) {
    const step = upstream.perStep[t];
    const dH = step ? carry.add(step) : carry;
    const dC = cellGrad.add(dH.mul(fromH[t] as Traced));
    dh[t] = dH;
    dc[t] = dC;
    carry = gatedProjection([dC, dH, dC, dC], k[t] as Traced, u.r);
    cellGrad = dC.mul(carryC[t] as Traced);
  }
  const dH = stack(dh, config);
  const dC = stack(dc, config);
  const dInput = dC.mul(toInput);
  const dOutput = dH.mul(toOutput);
  const dForget = dC.mul(toForget);
  const preActivations = g.concat([dInput, dOutput, dForget, dC.mul(toCandidate)], 2);
  const sum = (v: Traced): Traced => v.reduceSum([0, 1]);
  const dPeepholes = (): Traced =>
    g
      .concat([sum(dInput.mul(c.previousCell)), sum(dOutput.mul(c.cell)), sum(dForget.mul(c.previousCell))], 0)
      .reshape([1, 3 * hidden]);
  const state = (v: Traced): Traced => v.reshape([1, batch, hidden]);
  return [
    ...parameterGradients(ctx, u, preActivations, preActivations),
    undefined,
    needs(5) ? state(carry) : undefined,
    needs(6) ? state(cellGrad) : undefined,
    peepholes && needs(7) ? dPeepholes() : undefined,
  ];
}
