import { AppError } from '../../errors';
import { formatShape, isFloat } from '../ir';
import type { Node } from '../ir';
import { lookupOp } from '../ops';
import type { VjpContext } from '../ops';
import type { Traced, Tracer } from '../trace';

export interface GradientOptions {
  /** The cotangent u of J^T u, shaped like `y`; default ones (the gradient of sum(y)). */
  readonly seed?: Traced;
}

/**
 * Reverse mode: appends to `y`'s graph the nodes computing d(sum(seed * y))/d(each of `wrt`), and
 * returns those gradients (zeros for a value `y` does not depend on). Nodes run backwards from `y`;
 * each differentiable node hands its output gradients to its op's vector-Jacobian rule, and the
 * contributions a value receives from several consumers are summed.
 */
export function gradients(y: Traced, wrt: readonly Traced[], options: GradientOptions = {}): Traced[] {
  const g = y.tracer;
  const seed = options.seed ?? g.constant(1, y.dtype).expand(y.shape);
  if (seed.tracer !== g || wrt.some((w) => w.tracer !== g)) {
    throw new AppError('invalid-request', 'gradients: all values must come from the same traced graph');
  }
  if (seed.dtype !== y.dtype || seed.shape.join() !== y.shape.join()) {
    throw new AppError(
      'invalid-request',
      `gradients: the seed is ${seed.dtype} ${formatShape(seed.shape)} but the output is ${y.dtype} ${formatShape(y.shape)}`,
    );
  }
  const nodes = [...g.nodes];
  const varying = dependents(nodes, wrt);
  const contributions = new Map<string, Traced[]>([[y.name, [seed]]]);
  const total = (name: string): Traced | undefined => {
    const parts = contributions.get(name);
    if (!parts) return undefined;
    const summed = g.sum(parts);
    contributions.set(name, [summed]);
    return summed;
  };

  for (const node of [...nodes].reverse()) {
    if (!node.outputs.some((o) => contributions.has(o))) continue;
    if (!node.inputs.some((i) => varying.has(i))) continue;
    const definition = lookupOp(node.domain, node.op);
    const rule = definition?.vjp;
    if (rule === 'none') continue;
    if (rule === undefined) {
      throw new AppError('invalid-request', `no gradient rule for op '${node.op}' (node ${node.name})`);
    }
    const needs = (i: number): boolean => {
      const name = node.inputs[i] ?? '';
      return varying.has(name) && isFloat(g.traced(name).dtype);
    };
    const results = rule(vjpContext(g, node, total, needs));
    node.inputs.forEach((name, i) => {
      const grad = results[i];
      if (!grad || !needs(i)) return;
      checkGradient(node, i, grad, g.traced(name));
      contributions.set(name, [...(contributions.get(name) ?? []), grad]);
    });
  }
  return wrt.map((w) => total(w.name) ?? g.zeros(w.shape, w.dtype));
}

/** Names of the values that depend on any of `wrt`. */
function dependents(nodes: readonly Node[], wrt: readonly Traced[]): Set<string> {
  const varying = new Set(wrt.map((w) => w.name));
  for (const node of nodes) {
    if (node.inputs.some((i) => varying.has(i))) for (const o of node.outputs) varying.add(o);
  }
  return varying;
}

function vjpContext(
  g: Tracer,
  node: Node,
  total: (name: string) => Traced | undefined,
  needs: (index: number) => boolean,
): VjpContext {
  const info = g.describe(node);
  const grad = (i: number): Traced | undefined => {
    const name = node.outputs[i];
    return name ? total(name) : undefined;
  };
  const output = (i: number): Traced => g.nodeOutput(node, i);
  const input = (i: number): Traced | undefined => {
    const name = node.inputs[i];
    return name ? g.traced(name) : undefined;
  };
  return {
    g,
    node: info,
    attrs: info.attrs,
    get dy() {
      return grad(0) ?? g.zeros(output(0).shape, output(0).dtype);
    },
    x: (i) => input(i) ?? info.fail(`input ${i} is required`),
    input,
    output,
    grad,
    needs,
  };
}

function checkGradient(node: Node, index: number, grad: Traced, input: Traced): void {
  if (grad.dtype !== input.dtype || grad.shape.join() !== input.shape.join()) {
    throw new AppError(
      'internal',
      `gradient rule of ${node.op} (node ${node.name}) returned ${grad.dtype} ${formatShape(grad.shape)} ` +
        `for input ${index}, which is ${input.dtype} ${formatShape(input.shape)}`,
    );
  }
}
