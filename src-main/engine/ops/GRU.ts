import type { Traced } from '../trace';
import type { OpDefinition, VjpContext } from './definition';
import { activate } from './shared/recurrent/activations';
import type { Activated, ActivationSpec } from './shared/recurrent/activations';
import { recurrentOp } from './shared/recurrent/recurrent-op';
import type { RecurrentConfig } from './shared/recurrent/recurrent-op';
import {
  gatedProjection,
  gateStack,
  identity,
  parameterGradients,
  perStep,
  project,
  spread,
  stack,
  stateGradients,
  summedOuter,
  unroll,
} from './shared/recurrent/unroll';
import type { Unrolled } from './shared/recurrent/unroll';

/**
 * GRU (gates z, r, h). The forward stays one ONNX GRU node; the gradient recomputes every gate
 * for all steps at once from Y, then runs the recurrence backwards with one MatMul per step.
 */
export const GRU: OpDefinition = recurrentOp(
  {
    op: 'GRU',
    gates: 3,
    activations: ['Sigmoid', 'Tanh'],
    stateInputs: [5],
    outputs: 2,
    perDirection: [1, 2, 3, 5],
  },
  (ctx, config) => {
    const u = unroll(ctx, config, 3);
    const gates = recomputeGates(ctx, config, u);
    const resetAfter = ctx.attrs.int('linear_before_reset', 0) === 1;
    const grads = resetAfter ? resetAfterGradients(ctx, config, u, gates) : resetBeforeGradients(ctx, config, u, gates);
    return [...grads.parameters, undefined, ctx.needs(5) ? grads.initialState : undefined];
  },
);

interface Gates {
  readonly z: Activated;
  readonly r: Activated;
  readonly candidate: Activated;
  /** linear_before_reset: H_{t-1} Rh^T + Rbh, the term the reset gate scales. */
  readonly recurrentCandidate: Traced | undefined;
  /** Coefficients shared by both forms: dH → d(z pre-activation), dH → d(candidate pre-activation). */
  readonly toZ: Traced;
  readonly toCandidate: Traced;
}

function recomputeGates({ g, attrs }: VjpContext, config: RecurrentConfig, u: Unrolled): Gates {
  const { hidden, clip } = config;
  const [f, h] = config.activations as [ActivationSpec, ActivationSpec];
  const thirds = [hidden, hidden, hidden];
  const [xz, xr, xh] = g.split(project(u.x, u.w, u.wb), thirds, 2) as [Traced, Traced, Traced];
  const [rz, rr, rh] = g.split(u.r, thirds, 0) as [Traced, Traced, Traced];
  const [bz, br, bh] = u.rb
    ? (g.split(u.rb, thirds, 0) as [Traced, Traced, Traced])
    : [undefined, undefined, undefined];
  const z = activate(f, xz.add(project(u.previous, rz, bz)), clip);
  const r = activate(f, xr.add(project(u.previous, rr, br)), clip);
  const resetAfter = attrs.int('linear_before_reset', 0) === 1;
  const recurrentCandidate = resetAfter ? project(u.previous, rh, bh) : undefined;
  const candidate = activate(
    h,
    xh.add(recurrentCandidate ? r.value.mul(recurrentCandidate) : project(r.value.mul(u.previous), rh, bh)),
    clip,
  );
  return {
    z,
    r,
    candidate,
    recurrentCandidate,
    toZ: u.previous.sub(candidate.value).mul(z.slope),
    toCandidate: candidate.slope.sub(z.value.mul(candidate.slope)),
  };
}

interface GruGradients {
  readonly parameters: (Traced | undefined)[];
  readonly initialState: Traced;
}

/** linear_before_reset = 1 (PyTorch's GRU): every gate's recurrent term is H_{t-1} R^T, one MatMul per step. */
function resetAfterGradients(ctx: VjpContext, config: RecurrentConfig, u: Unrolled, gates: Gates): GruGradients {
  const { g } = ctx;
  const { batch, hidden } = config;
  const { z, r, toZ, toCandidate, recurrentCandidate } = gates;
  if (!recurrentCandidate) throw new Error('linear_before_reset gates without their recurrent candidate');
  const toReset = toCandidate.mul(recurrentCandidate).mul(r.slope);
  const toRecurrentCandidate = toCandidate.mul(r.value);
  // [dz, dr, dhr, dH·z] = dH ⊙ K, and the next carry is that times [R; I].
  const k = perStep(gateStack(g, [toZ, toReset, toRecurrentCandidate, z.value]));
  const recurrence = g.concat([u.r, identity(g, hidden, u.r.dtype)], 0);
  const upstream = stateGradients(ctx, config, 1);
  let carry = upstream.final;
  const dh: Traced[] = [];
  for (const t of u.backwardOrder) {
    const step = upstream.perStep[t];
    const d = step ? carry.add(step) : carry;
    dh[t] = d;
    carry = gatedProjection([d, d, d, d], k[t] as Traced, recurrence);
  }
  const dH = stack(dh, config);
  const inputSide = spread(dH, gateStack(g, [toZ, toReset, toCandidate]));
  const recurrentSide = spread(dH, gateStack(g, [toZ, toReset, toRecurrentCandidate]));
  return {
    parameters: parameterGradients(ctx, u, inputSide, recurrentSide),
    initialState: carry.reshape([1, batch, hidden]),
  };
}

/** linear_before_reset = 0: the reset gate scales H_{t-1} before Rh, a second MatMul per step. */
function resetBeforeGradients(ctx: VjpContext, config: RecurrentConfig, u: Unrolled, gates: Gates): GruGradients {
  const { g } = ctx;
  const { batch, hidden } = config;
  const { z, r, toZ, toCandidate } = gates;
  const [rz, rr, rh] = g.split(u.r, [hidden, hidden, hidden], 0) as [Traced, Traced, Traced];
  const toReset = u.previous.mul(r.slope);
  const candidateSteps = perStep(toCandidate);
  // [dH, dRH, dH, dRH] ⊙ [toZ, toReset, z, r] times [Rz; Rr; I; I] is the next carry.
  const k = perStep(gateStack(g, [toZ, toReset, z.value, r.value]));
  const eye = identity(g, hidden, u.r.dtype);
  const recurrence = g.concat([rz, rr, eye, eye], 0);
  const upstream = stateGradients(ctx, config, 1);
  let carry = upstream.final;
  const dh: Traced[] = [];
  const dResetInput: Traced[] = [];
  for (const t of u.backwardOrder) {
    const step = upstream.perStep[t];
    const d = step ? carry.add(step) : carry;
    const dr = d.mul(candidateSteps[t] as Traced).matmul(rh);
    dh[t] = d;
    dResetInput[t] = dr;
    carry = gatedProjection([d, dr, d, dr], k[t] as Traced, recurrence);
  }
  const dH = stack(dh, config);
  const dz = dH.mul(toZ);
  const dReset = stack(dResetInput, config).mul(toReset);
  const dCandidate = dH.mul(toCandidate);
  const preActivations = g.concat([dz, dReset, dCandidate], 2);
  // dR: the z and r rows pair with H_{t-1}, the candidate rows with r ⊙ H_{t-1}.
  const recurrentWeight = g.concat(
    [summedOuter(g.concat([dz, dReset], 2), u.previous), summedOuter(dCandidate, r.value.mul(u.previous))],
    0,
  );
  return {
    parameters: parameterGradients(ctx, u, preActivations, preActivations, recurrentWeight),
    initialState: carry.reshape([1, batch, hidden]),
  };
}
