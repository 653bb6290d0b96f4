import { AppError } from '../errors';
import { Program, Rng, Tracer, TrainingStep } from '../engine';
import type { Feed, Tensor, Traced } from '../engine';
import type { BlackBox } from './black-box';
import { callModel, traceable } from './black-box';
import { smoothGate, trendNetworks } from './contralsp-gate';
import type { TrendNetworks } from './contralsp-gate';
import { contraLspParams } from './contralsp-params';
import type { ContraLspParams } from './contralsp-params';
import { chooseTriplets, tripletHinge } from './contralsp-triplet';
import { withCompiledGraph } from './compiled-graphs';
import { defineExplainer } from './explainer';
import { fidelityPerSample } from './fidelity-loss';
import { dataInputs, filled, maskInfo, optimise, prepareMaskProblem, RowBatches } from './mask-training';
import type { MaskProblem } from './mask-training';
import { blend, perturbationNetwork } from './perturbation-network';
import type { PerturbationNetwork } from './perturbation-network';

const NAME = 'contralsp';

/**
 * ContraLSP (Liu et al. 2024; spec §2): per-sample gate parameters μ (from 0.5), a smooth sparse
 * gate driven by per-feature trend networks τ, and a learned counterfactual x^r = NN_θ(x), trained
 * together by Adam on the whole set at once (one step per epoch):
 * ℓ(f(m x + (1 − m) x^r), f(x)) + λ1 mean Φ_N(g(μ; x)/σ) + λ2 mean |x^r|, with the stochastic mask
 * m = clip01(g(μ + σε; x)), ε ~ N(0, I) drawn every step. The saliency is clip01(g(μ; x)).
 */
export const contraLsp = defineExplainer({
  name: NAME,
  title: 'ContraLSP',
  needsGradients: true,
  params: contraLspParams,
  async explain(request) {
    const { params: p, model: box } = request;
    const problem = await prepareMaskProblem(NAME, request, { modelRows: (rows) => rows, loss: p.loss });
    const { rows, steps, features, data } = problem;
    const rng = new Rng(request.seed);
    // The seed's initial values, drawn on a graph of their own: a compiled graph reused from an
    // earlier call starts from exactly what a newly traced one would have.
    const initial = declareParams(new Tracer(), problem, rng);
    const start = Object.fromEntries(initial.all.map((v) => [v.name, initial.values.get(v.name) as Tensor]));
    const key = JSON.stringify({ method: NAME, shape: [rows, steps, features], p, output: box.output });
    return withCompiledGraph(
      box,
      key,
      () => compileGraph(box, problem, p),
      async ({ training, saliency, initialCounterfactual }) => {
        training.restart(start);
        const networkStart = Object.fromEntries(initial.network.map((v) => [v.name, start[v.name] as Tensor]));
        // The triplets of a step come from the counterfactuals of the step before (the first: at the initial θ).
        let previous = initialCounterfactual
          ? (await initialCounterfactual.run({ x: data.x, ...networkStart })).counterfactual
          : undefined;
        const feeds = (): Record<string, Feed> => {
          const step = { ...data, noise: rng.normal([rows, steps, features]) };
          return previous ? { ...step, ...chooseTriplets(previous, rng) } : step;
        };
        const result = await optimise(
          {
            training,
            epochs: p.epochs,
            batches: new RowBatches(rows, rows),
            feeds,
            afterStep: ({ outputs }) => (previous = outputs.counterfactual),
          },
          request,
        );
        const trained = Object.fromEntries(initial.gate.map((v) => [v.name, training.value(v.name)]));
        const { saliency: map } = await saliency.run({ x: data.x, ...trained });
        if (!map) throw new AppError('internal', 'the saliency program returned no map');
        return {
          saliency: map,
          scale: 'unit-mask' as const,
          info: maskInfo(NAME, request, problem, result),
        };
      },
    );
  },
});

interface Params {
  readonly mu: Traced;
  readonly counterfactualNet: PerturbationNetwork;
  readonly trendNet: TrendNetworks;
  /** Every trained parameter; the gate's (μ, τ) and the counterfactual network's. */
  readonly all: readonly Traced[];
  readonly gate: readonly Traced[];
  readonly network: readonly Traced[];
  readonly values: ReadonlyMap<string, Tensor>;
}

/** μ from 0.5, then NN_θ and τ with PyTorch's initialisation drawn from `rng`, in that order. */
function declareParams(g: Tracer, { rows, steps, features }: MaskProblem, rng: Rng): Params {
  const mu = g.param('mask', filled([rows, steps, features], 0.5));
  const counterfactualNet = perturbationNetwork(g, features, rng);
  const trendNet = trendNetworks(g, steps, features, rng);
  const gate = [mu, ...trendNet.params];
  return {
    mu,
    counterfactualNet,
    trendNet,
    all: [mu, ...counterfactualNet.params, ...trendNet.params],
    gate,
    network: counterfactualNet.params,
    values: g.params,
  };
}

interface CompiledContraLsp {
  readonly training: TrainingStep;
  readonly saliency: Program;
  readonly initialCounterfactual?: Program;
}

/** The training step and the programs of one shape and setting; its parameters are set by each call. */
async function compileGraph(box: BlackBox, problem: MaskProblem, p: ContraLspParams): Promise<CompiledContraLsp> {
  const { rows, steps, features, data } = problem;
  const preserve = p.game === 'preservation';
  const g = new Tracer();
  const { x: input, target } = dataInputs(g, data);
  // Placeholders: every call restarts the step from its own seed's values.
  const { mu, counterfactualNet, trendNet, all } = declareParams(g, problem, new Rng(0));
  const trend = trendNet.apply(input);
  const noise = g.input('noise', 'float32', [rows, steps, features]);
  const m = smoothGate(p.gate, mu.add(noise.mul(p.sigma)), trend).clip(0, 1);
  const counterfactual = counterfactualNet.apply(input);
  const perturbed = blend(input, counterfactual, m, p.game);
  const model = await traceable(box, [rows, steps, features]);
  const fidelity = fidelityPerSample(callModel(g, model, perturbed), target, p.loss, box.output).reduceMean();
  // The L0 surrogate reads the noise-free gate, so it trains τ as well (spec P3).
  const gated = smoothGate(p.gate, mu, trend);
  const sparsity = gated
    .div(p.sigma * Math.SQRT2)
    .erf()
    .add(1)
    .mul(0.5)
    .reduceMean();
  const counterfactualSize = counterfactual.abs().reduceMean();
  const intended = p.contrastive === 'intended';
  const triplet = intended ? tripletHinge(g, counterfactual, !preserve) : undefined;
  const contrastive = triplet ? counterfactualSize.add(triplet) : counterfactualSize;
  const loss = fidelity
    .mul(preserve ? 1 : -1)
    .add(sparsity.mul(p.lambda1))
    .add(contrastive.mul(p.lambda2));
  return {
    saliency: await Program.compile({ saliency: gated.clip(0, 1) }),
    ...(intended ? { initialCounterfactual: await Program.compile({ counterfactual }) } : {}),
    training: await TrainingStep.compile({
      loss,
      params: all,
      optimizer: { kind: 'adam', lr: p.lr },
      outputs: {
        fidelity,
        sparsity,
        counterfactualSize,
        ...(triplet ? { triplet, counterfactual } : {}),
      },
    }),
  };
}
