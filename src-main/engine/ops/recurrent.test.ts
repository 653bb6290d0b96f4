import { describe, expect, it } from 'vitest';
import { gradients } from '../autodiff';
import { fromNumbers } from '../ir';
import { Program, Rng } from '../program';
import { numbers } from '../testing/fixtures';
import { expectGradient } from '../testing/gradient-check';
import type { CheckedInput } from '../testing/gradient-check';
import { Tracer } from '../trace';
import type { AttributeInit, Traced } from '../trace';

const [steps, batch, inputSize, hidden] = [3, 2, 3, 2];

interface RecurrentCase {
  readonly attributes?: Readonly<Record<string, AttributeInit>>;
  readonly directions?: number;
  readonly layout?: number;
  /** Which optional inputs to give (B, initial_h, initial_c, P). */
  readonly bias?: boolean;
  readonly initial?: boolean;
  readonly peepholes?: boolean;
}

/** Inputs of a GRU/LSTM/RNN with `gates` gates, and a graph that differentiates through all its outputs. */
function recurrentCheck(op: 'GRU' | 'LSTM' | 'RNN', c: RecurrentCase) {
  const gates = { GRU: 3, LSTM: 4, RNN: 1 }[op];
  const d = c.directions ?? 1;
  const layout = c.layout ?? 0;
  const state = layout === 0 ? [d, batch, hidden] : [batch, d, hidden];
  const inputs: CheckedInput[] = [
    { shape: layout === 0 ? [steps, batch, inputSize] : [batch, steps, inputSize] },
    { shape: [d, gates * hidden, inputSize] },
    { shape: [d, gates * hidden, hidden] },
  ];
  const optional: (keyof RecurrentCase)[] = [];
  if (c.bias !== false) {
    inputs.push({ shape: [d, 2 * gates * hidden] });
    optional.push('bias');
  }
  if (c.initial) {
    inputs.push({ shape: state });
    optional.push('initial');
    if (op === 'LSTM') inputs.push({ shape: state });
  }
  if (c.peepholes) inputs.push({ shape: [d, 3 * hidden] });
  const outputs = op === 'LSTM' ? 3 : 2;
  const build = (g: Tracer, ...given: Traced[]): Traced => {
    const [x, w, r, ...rest] = given;
    const bias = c.bias !== false ? rest.shift() : undefined;
    const h0 = c.initial ? rest.shift() : undefined;
    const c0 = c.initial && op === 'LSTM' ? rest.shift() : undefined;
    const p = rest.shift();
    const ins = [x, w, r, bias, undefined, h0, ...(op === 'LSTM' ? [c0, p] : [])];
    const attributes = {
      hidden_size: hidden,
      layout,
      ...(d === 2 ? { direction: 'bidirectional' } : {}),
      ...c.attributes,
    };
    const results = g.opN(op, ins, attributes, { outputs });
    // Every output feeds the checked value, so every upstream gradient is exercised.
    return g.concat(
      results.map((v) => v.reshape([v.size])),
      0,
    );
  };
  return { build, inputs };
}

// A small step keeps central differences off the clip kinks.
const f32 = { dtype: 'float32', eps: 2e-3 } as const;

describe('VJP rules of recurrent ops by unrolling (central differences, float32)', () => {
  it.each<[string, RecurrentCase]>([
    ['linear_before_reset = 1 (PyTorch) with initial_h', { attributes: { linear_before_reset: 1 }, initial: true }],
    ['linear_before_reset = 0', { initial: true }],
    [
      'reverse, linear_before_reset = 1',
      { attributes: { direction: 'reverse', linear_before_reset: 1 }, initial: true },
    ],
    ['reverse, linear_before_reset = 0, no bias', { attributes: { direction: 'reverse' }, bias: false }],
    ['bidirectional, layout 1', { directions: 2, layout: 1, initial: true, attributes: { linear_before_reset: 1 } }],
    [
      'custom activations and clip',
      {
        attributes: {
          activations: ['HardSigmoid', 'Softsign'],
          activation_alpha: [0.3],
          activation_beta: [0.45],
          clip: 1.5,
        },
      },
    ],
  ])('GRU %s', async (_, c) => {
    const { build, inputs } = recurrentCheck('GRU', c);
    await expectGradient(build, inputs, f32);
  });

  it.each<[string, RecurrentCase]>([
    ['with initial_h and initial_c', { initial: true }],
    ['reverse with peepholes', { attributes: { direction: 'reverse' }, initial: true, peepholes: true }],
    ['input_forget', { attributes: { input_forget: 1 }, initial: true }],
    ['input_forget with peepholes', { attributes: { input_forget: 1 }, peepholes: true, initial: true }],
    ['bidirectional, layout 1', { directions: 2, layout: 1, initial: true }],
    [
      'clip and custom activations',
      { attributes: { clip: 0.8, activations: ['Sigmoid', 'Elu', 'Softplus'] }, initial: true },
    ],
  ])('LSTM %s', async (_, c) => {
    const { build, inputs } = recurrentCheck('LSTM', c);
    await expectGradient(build, inputs, f32);
  });

  it.each<[string, RecurrentCase]>([
    ['Tanh with initial_h', { initial: true }],
    ['reverse, Relu, no bias', { attributes: { direction: 'reverse', activations: ['Relu'] }, bias: false }],
    [
      'bidirectional, layout 1, LeakyRelu',
      { directions: 2, layout: 1, attributes: { activations: ['LeakyRelu', 'Tanh'] } },
    ],
  ])('RNN %s', async (_, c) => {
    const { build, inputs } = recurrentCheck('RNN', c);
    await expectGradient(build, inputs, f32);
  });
});

describe('sequence_lens', () => {
  it('full-length sequences are the same as none: the gradient runs', async () => {
    const lengths = fromNumbers('int32', [batch], new Array<number>(batch).fill(steps));
    await expectGradient(
      (g, x, w, r) =>
        g.opN('GRU', [x, w, r, undefined, g.constant(lengths)], { hidden_size: hidden }, { outputs: 2 })[1] as Traced,
      [{ shape: [steps, batch, inputSize] }, { shape: [1, 3 * hidden, inputSize] }, { shape: [1, 3 * hidden, hidden] }],
      f32,
    );
  });

  it('shorter sequences run forward, and asking for their gradient says it is not supported', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [steps, batch, inputSize]);
    const w = g.constant(new Rng(1).normal([1, hidden, inputSize]));
    const r = g.constant(new Rng(2).normal([1, hidden, hidden]));
    const lengths = g.constant(fromNumbers('int32', [batch], [steps, 1]));
    const [y] = g.opN('RNN', [x, w, r, undefined, lengths], { hidden_size: hidden }, { outputs: 2 }) as [Traced];
    const out = await (await Program.compile({ y })).run({ x: new Rng(3).normal([steps, batch, inputSize]) });
    // Steps past a sequence's length are zero in Y.
    const values = numbers(out.y);
    expect(values.slice(hidden * 3, hidden * 4)).toEqual([0, 0]);
    expect(() => gradients(y, [x])).toThrow(/sequence_lens shorter than the sequence/);
  });
});
