import type { Traced } from '../trace';
import type { NodeInfo, OpDefinition, VjpContext } from './definition';
import { commonDtype } from './shared/elementwise';

/** An Einsum equation with its ellipsis spelled out as letters and its output made explicit. */
interface EinsumSpec {
  readonly inputs: readonly (readonly string[])[];
  readonly output: readonly string[];
  readonly sizes: ReadonlyMap<string, number>;
  /** The letters standing for the ellipsis dimensions (right-aligned in each operand). */
  readonly ellipsis: readonly string[];
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The letters of an Einsum term, one subscript each. */
function subscripts(term: string): string[] {
  return term.match(/[A-Za-z]/g) ?? [];
}

function parse(node: NodeInfo): EinsumSpec {
  const equation = node.attrs.string('equation').replace(/\s/g, '');
  const [lhs = '', rhs] = equation.split('->');
  const terms = lhs.split(',');
  if (terms.length !== node.inputCount) node.fail(`equation '${equation}' has ${terms.length} operands`);
  const shapes = terms.map((_, i) => node.input(i).shape);
  const free = subscripts(LETTERS).filter((l) => !equation.includes(l));
  const ellipsisRank = Math.max(
    0,
    ...terms.map((t, i) => (t.includes('...') ? (shapes[i]?.length ?? 0) - (t.length - 3) : 0)),
  );
  const ellipsis = free.slice(0, ellipsisRank);
  const letters = (term: string, rank: number): string[] => {
    const [before = '', after = ''] = term.split('...');
    if (!term.includes('...')) return subscripts(term);
    const spanned = ellipsis.slice(ellipsisRank - (rank - before.length - after.length));
    return [...subscripts(before), ...spanned, ...subscripts(after)];
  };
  const inputs = terms.map((t, i) => letters(t, shapes[i]?.length ?? 0));
  const sizes = new Map<string, number>();
  inputs.forEach((ls, i) => {
    if (ls.length !== shapes[i]?.length)
      node.fail(`operand ${i} has rank ${shapes[i]?.length ?? 0}, its subscripts '${terms[i] ?? ''}' do not`);
    ls.forEach((l, k) => {
      const d = shapes[i]?.[k] ?? 1;
      const known = sizes.get(l);
      // Only ellipsis dimensions broadcast.
      if (known !== undefined && known !== d && !(ellipsis.includes(l) && (known === 1 || d === 1))) {
        node.fail(`subscript '${l}' has sizes ${known} and ${d}`);
      }
      sizes.set(l, Math.max(known ?? 1, d));
    });
  });
  const counts = new Map<string, number>();
  for (const l of inputs.flat()) counts.set(l, (counts.get(l) ?? 0) + 1);
  const output =
    rhs === undefined
      ? [
          ...ellipsis,
          ...[...counts]
            .filter(([l, n]) => n === 1 && !ellipsis.includes(l))
            .map(([l]) => l)
            .sort(),
        ]
      : letters(rhs, ellipsisRank + rhs.replace('...', '').length);
  for (const l of output) if (!sizes.has(l)) node.fail(`output subscript '${l}' is not in any operand`);
  return { inputs, output, sizes, ellipsis };
}

export const Einsum: OpDefinition = {
  op: 'Einsum',
  infer: (node) => {
    const dtype = commonDtype(
      node,
      Array.from({ length: node.inputCount }, (_, i) => i),
    );
    const { output, sizes } = parse(node);
    return [{ dtype, shape: output.map((l) => sizes.get(l) ?? 1) }];
  },
  vjp: (ctx) => {
    const spec = parse(ctx.node);
    return spec.inputs.map((_, i) => (ctx.needs(i) ? operandGradient(ctx, spec, i) : undefined));
  },
};

/**
 * The gradient of operand i is an Einsum of the output gradient with the other operands onto i's
 * subscripts (ellipsis dimensions stay an ellipsis, so they broadcast as in the forward pass);
 * subscripts summed away in operand i alone are broadcast back, and dimensions the operand
 * broadcast (extra or size-1 ellipsis dimensions) are summed.
 */
function operandGradient({ dy, x, node, g }: VjpContext, spec: EinsumSpec, i: number): Traced {
  const own = spec.inputs[i] ?? [];
  if (new Set(own).size !== own.length) node.fail(`no gradient for a repeated subscript (a diagonal) in operand ${i}`);
  if (spec.ellipsis.some((l) => !spec.output.includes(l))) node.fail('no gradient when the ellipsis is summed away');
  const others = spec.inputs.flatMap((ls, j) => (j === i ? [] : [ls]));
  const reachable = new Set([...spec.output, ...others.flat()]);
  const ownEllipsis = own.filter((l) => spec.ellipsis.includes(l));
  const kept = own.filter((l) => reachable.has(l));
  const term = (ls: readonly string[]): string => {
    const joined = ls.join('');
    return spec.ellipsis.length === 0 ? joined : joined.replace(new RegExp(`[${spec.ellipsis.join('')}]+`), '...');
  };
  const equation = `${[spec.output, ...others].map(term).join(',')}->${term(kept)}`;
  let grad = g.einsum(equation, dy, ...spec.inputs.flatMap((_, j) => (j === i ? [] : [x(j)])));
  const at = kept.findIndex((l) => spec.ellipsis.includes(l));
  const extra = spec.ellipsis.length - ownEllipsis.length;
  if (at >= 0 && extra > 0) grad = grad.reduceSum(Array.from({ length: extra }, (_, k) => at + k));
  own.forEach((l, k) => {
    if (!reachable.has(l)) grad = grad.unsqueeze([k]);
  });
  const target = x(i).shape;
  const full = own.map((l) => spec.sizes.get(l) ?? 1);
  if (grad.shape.join() !== full.join()) grad = grad.expand(full);
  const broadcast = target.flatMap((d, k) => (d === 1 && (full[k] ?? 1) !== 1 ? [k] : []));
  return broadcast.length > 0 ? grad.reduceSum(broadcast, { keepdims: true }) : grad;
}
