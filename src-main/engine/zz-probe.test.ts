import ort from 'onnxruntime-node';
import { it } from 'vitest';
import { writeModel } from './ir';
import type { Attribute, Node } from './ir';

async function tryOp(
  opset: number,
  op: string,
  dtype: 'float32' | 'float64',
  nIn: number,
  attrs: Record<string, Attribute> = {},
  extraInit: Record<string, { dtype: 'int64' | 'float32' | 'float64'; shape: number[]; data: number[] }> = {},
) {
  const inputs = Array.from({ length: nIn }, (_, i) => ({ name: `i${i}`, dtype, shape: [2, 3] }));
  const initializers = new Map(
    Object.entries(extraInit).map(([k, v]) => [
      k,
      {
        dtype: v.dtype,
        shape: v.shape,
        data:
          v.dtype === 'int64'
            ? BigInt64Array.from(v.data.map(BigInt))
            : v.dtype === 'float64'
              ? Float64Array.from(v.data)
              : Float32Array.from(v.data),
      },
    ]),
  );
  const node: Node = {
    name: 'n',
    op,
    domain: '',
    inputs: [...inputs.map((i) => i.name), ...Object.keys(extraInit)],
    outputs: ['y'],
    attributes: attrs,
  };
  const bytes = writeModel({
    irVersion: opset >= 19 ? 9 : 8,
    producer: 'p',
    opsets: [{ domain: '', version: opset }],
    graph: {
      name: 'g',
      inputs,
      outputs: [{ name: 'y', dtype, shape: [], shapeUnknown: true }],
      nodes: [node],
      initializers,
      valueTypes: new Map(),
    },
  });
  try {
    const s = await ort.InferenceSession.create(bytes);
    const feeds: Record<string, ort.Tensor> = {};
    for (const i of inputs)
      feeds[i.name] = new ort.Tensor(
        dtype,
        dtype === 'float32' ? new Float32Array(6).fill(0.5) : new Float64Array(6).fill(0.5),
        [2, 3],
      );
    await s.run(feeds);
    return 'ok';
  } catch (e) {
    return String(e).slice(0, 150);
  }
}

it('probe', async () => {
  const un = [
    'Neg',
    'Abs',
    'Exp',
    'Log',
    'Sqrt',
    'Reciprocal',
    'Relu',
    'LeakyRelu',
    'Elu',
    'Selu',
    'Sigmoid',
    'HardSigmoid',
    'Tanh',
    'Softplus',
    'Erf',
    'Softmax',
    'LogSoftmax',
    'Identity',
    'Sign',
    'Cos',
    'Sin',
    'Floor',
    'Round',
    'GlobalAveragePool',
    'GlobalMaxPool',
    'Softsign',
  ];
  const bin = [
    'Add',
    'Sub',
    'Mul',
    'Div',
    'Pow',
    'Min',
    'Max',
    'MatMul',
    'Equal',
    'Greater',
    'Less',
    'GreaterOrEqual',
    'LessOrEqual',
    'Sum',
  ];
  for (const dt of ['float64'] as const) {
    for (const op of un) console.log(dt, op, await tryOp(17, op, dt, 1));
    for (const op of bin) console.log(dt, op, await tryOp(17, op, dt, 2));
  }
  console.log('gelu20 f32', await tryOp(20, 'Gelu', 'float32', 1));
  console.log('gelu20 f64', await tryOp(20, 'Gelu', 'float64', 1));
  for (const op of [
    'ReduceMean',
    'ReduceSum',
    'ReduceMax',
    'ReduceMin',
    'ReduceL2',
    'ReduceLogSumExp',
    'ReduceSumSquare',
  ])
    for (const dt of ['float32', 'float64'] as const)
      console.log(dt, op, '18:', await tryOp(18, op, dt, 1, {}, { axes: { dtype: 'int64', shape: [1], data: [1] } }));
  console.log(
    'cumsum f64',
    await tryOp(17, 'CumSum', 'float64', 1, {}, { axis: { dtype: 'int64', shape: [], data: [1] } }),
  );
  console.log('where f64 n/a');
  console.log(
    'Clip f64',
    await tryOp(
      17,
      'Clip',
      'float64',
      1,
      {},
      { mn: { dtype: 'float64', shape: [], data: [0] }, mx: { dtype: 'float64', shape: [], data: [1] } },
    ),
  );
  console.log('Gemm f64', await tryOp(17, 'Gemm', 'float64', 2, { transB: { kind: 'int', value: 1 } }));
  console.log(
    'LayerNorm f64',
    await tryOp(17, 'LayerNormalization', 'float64', 1, {}, { sc: { dtype: 'float64', shape: [3], data: [1, 1, 1] } }),
  );
  console.log(
    'Expand f64',
    await tryOp(17, 'Expand', 'float64', 1, {}, { sh: { dtype: 'int64', shape: [2], data: [2, 3] } }),
  );
  console.log(
    'Tile f64',
    await tryOp(17, 'Tile', 'float64', 1, {}, { sh: { dtype: 'int64', shape: [2], data: [2, 3] } }),
  );
  console.log(
    'Pad f64',
    await tryOp(17, 'Pad', 'float64', 1, {}, { sh: { dtype: 'int64', shape: [4], data: [1, 1, 1, 1] } }),
  );
  console.log(
    'Pad reflect f64',
    await tryOp(
      17,
      'Pad',
      'float64',
      1,
      { mode: { kind: 'string', value: 'reflect' } },
      { sh: { dtype: 'int64', shape: [4], data: [1, 1, 1, 1] } },
    ),
  );
  console.log('TopK f64', await tryOp(17, 'TopK', 'float64', 1, {}, { k: { dtype: 'int64', shape: [1], data: [2] } }));
  console.log(
    'Einsum f64',
    await tryOp(17, 'Einsum', 'float64', 2, { equation: { kind: 'string', value: 'ij,kj->ik' } }),
  );
});
