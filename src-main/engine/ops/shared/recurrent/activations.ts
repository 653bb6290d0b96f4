import type { Attribute } from '../../../ir';
import type { Traced } from '../../../trace';
import type { NodeInfo } from '../../definition';

/** One activation function of a recurrent op, with its parameters. */
export interface ActivationSpec {
  readonly name: string;
  readonly alpha: number;
  readonly beta: number;
}

/** The function's value and its derivative, both at the (clipped) pre-activation. */
export interface Activated {
  readonly value: Traced;
  readonly slope: Traced;
}

/**
 * Which parameters each function takes, with ONNX Runtime's defaults (0 where it has none): the
 * alpha/beta lists are consumed in order by the functions that take them.
 */
const parameters: Readonly<Record<string, { alpha?: number; beta?: number }>> = {
  sigmoid: {},
  tanh: {},
  relu: {},
  softsign: {},
  softplus: {},
  affine: { alpha: 0, beta: 0 },
  leakyrelu: { alpha: 0.01 },
  thresholdedrelu: { alpha: 0 },
  scaledtanh: { alpha: 0, beta: 0 },
  hardsigmoid: { alpha: 0.2, beta: 0.5 },
  elu: { alpha: 1 },
};

/**
 * The node's activation list with parameters: `activation_alpha`/`activation_beta` are consumed in
 * order by the functions that take them, the others use their defaults.
 */
export function activationSpecs(node: NodeInfo, defaults: readonly string[], directions: number): ActivationSpec[] {
  const names = node.attrs.strings('activations', Array.from({ length: directions }, () => defaults).flat());
  if (names.length !== defaults.length * directions) {
    node.fail(`activations needs ${defaults.length * directions} entries (${defaults.join(', ')} per direction)`);
  }
  const alphas = [...node.attrs.floats('activation_alpha', [])];
  const betas = [...node.attrs.floats('activation_beta', [])];
  return names.map((name) => {
    const key = name.toLowerCase();
    const params = parameters[key] ?? node.fail(`activation '${name}' is not supported`);
    return {
      name: key,
      alpha: params.alpha === undefined ? 0 : (alphas.shift() ?? params.alpha),
      beta: params.beta === undefined ? 0 : (betas.shift() ?? params.beta),
    };
  });
}

/** The attributes that carry `specs` (for a node made from part of another's activation list). */
export function activationAttributes(specs: readonly ActivationSpec[]): Record<string, Attribute> {
  const values = (p: 'alpha' | 'beta'): number[] =>
    specs.filter((s) => parameters[s.name]?.[p] !== undefined).map((s) => s[p]);
  const alpha = values('alpha');
  const beta = values('beta');
  return {
    activations: { kind: 'strings', value: specs.map((s) => canonicalNames[s.name] ?? s.name) },
    ...(alpha.length > 0 ? { activation_alpha: { kind: 'floats', value: alpha } } : {}),
    ...(beta.length > 0 ? { activation_beta: { kind: 'floats', value: beta } } : {}),
  };
}

/** ONNX spellings of the activation names (the attribute is case-insensitive, ONNX Runtime's check is not everywhere). */
const canonicalNames: Readonly<Record<string, string>> = {
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  relu: 'Relu',
  softsign: 'Softsign',
  softplus: 'Softplus',
  affine: 'Affine',
  leakyrelu: 'LeakyRelu',
  thresholdedrelu: 'ThresholdedRelu',
  scaledtanh: 'ScaledTanh',
  hardsigmoid: 'HardSigmoid',
  elu: 'Elu',
};

/** Applies an activation to a pre-activation, clipped to [-clip, clip] as the op does (slope 0 where clipped). */
export function activate(spec: ActivationSpec, preActivation: Traced, clip: number | undefined): Activated {
  const g = preActivation.tracer;
  const a = clip === undefined ? preActivation : preActivation.clip(-clip, clip);
  const { value, slope } = evaluate(spec, a);
  if (clip === undefined) return { value, slope };
  const inside = preActivation.abs().lessOrEqual(clip);
  return { value, slope: g.where(inside, slope, 0) };
}

function evaluate({ name, alpha, beta }: ActivationSpec, a: Traced): Activated {
  const g = a.tracer;
  switch (name) {
    case 'sigmoid': {
      const value = a.sigmoid();
      return { value, slope: value.sub(value.mul(value)) };
    }
    case 'tanh': {
      const value = a.tanh();
      return { value, slope: value.mul(value).neg().add(1) };
    }
    case 'relu':
      return { value: a.relu(), slope: a.greater(0).cast(a.dtype) };
    case 'leakyrelu':
      return { value: a.leakyRelu(alpha), slope: g.where(a.greater(0), g.constant(1, a.dtype), alpha) };
    case 'thresholdedrelu': {
      const on = a.greater(alpha);
      return { value: g.where(on, a, 0), slope: on.cast(a.dtype) };
    }
    case 'scaledtanh': {
      const t = a.mul(beta).tanh();
      return {
        value: t.mul(alpha),
        slope: t
          .mul(t)
          .neg()
          .add(1)
          .mul(alpha * beta),
      };
    }
    case 'hardsigmoid': {
      const linear = a.mul(alpha).add(beta);
      const inBand = linear.greater(0).and(linear.less(1));
      return { value: linear.clip(0, 1), slope: g.where(inBand, g.constant(alpha, a.dtype), 0) };
    }
    case 'elu': {
      const value = a.elu(alpha);
      return { value, slope: g.where(a.greater(0), g.constant(1, a.dtype), value.add(alpha)) };
    }
    case 'softsign': {
      const denominator = a.abs().add(1);
      return { value: a.div(denominator), slope: denominator.mul(denominator).reciprocal() };
    }
    case 'softplus':
      return { value: a.softplus(), slope: a.sigmoid() };
    default:
      // affine
      return { value: a.mul(alpha).add(beta), slope: g.constant(alpha, a.dtype).expand(a.shape) };
  }
}
