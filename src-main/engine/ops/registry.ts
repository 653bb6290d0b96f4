import { Abs } from './Abs';
import { Add } from './Add';
import { ArgMax } from './ArgMax';
import { ArgMin } from './ArgMin';
import { AveragePool } from './AveragePool';
import { BatchNormalization } from './BatchNormalization';
import { Cast } from './Cast';
import { Clip } from './Clip';
import { comparisonOps, stepOps } from './comparison';
import { Concat } from './Concat';
import { Constant } from './Constant';
import { ConstantOfShape } from './ConstantOfShape';
import { Conv } from './Conv';
import { ConvTranspose } from './ConvTranspose';
import { CumSum } from './CumSum';
import type { OpDefinition } from './definition';
import { Div } from './Div';
import { Dropout } from './Dropout';
import { Einsum } from './Einsum';
import { Elu } from './Elu';
import { Erf } from './Erf';
import { Exp } from './Exp';
import { Expand } from './Expand';
import { Flatten } from './Flatten';
import { Gather } from './Gather';
import { GatherElements } from './GatherElements';
import { Gelu } from './Gelu';
import { Gemm } from './Gemm';
import { GlobalAveragePool } from './GlobalAveragePool';
import { GlobalMaxPool } from './GlobalMaxPool';
import { GRU } from './GRU';
import { HardSigmoid } from './HardSigmoid';
import { Identity } from './Identity';
import { InstanceNormalization } from './InstanceNormalization';
import { LayerNormalization } from './LayerNormalization';
import { LeakyRelu } from './LeakyRelu';
import { Log } from './Log';
import { LogSoftmax } from './LogSoftmax';
import { LSTM } from './LSTM';
import { MatMul } from './MatMul';
import { Max } from './Max';
import { MaxPool } from './MaxPool';
import { MaxUnpool } from './MaxUnpool';
import { Mean } from './Mean';
import { Min } from './Min';
import { Mul } from './Mul';
import { Neg } from './Neg';
import { Pad } from './Pad';
import { Pow } from './Pow';
import { Range } from './Range';
import { Reciprocal } from './Reciprocal';
import { ReduceL1 } from './ReduceL1';
import { ReduceL2 } from './ReduceL2';
import { ReduceLogSumExp } from './ReduceLogSumExp';
import { ReduceMax } from './ReduceMax';
import { ReduceMean } from './ReduceMean';
import { ReduceMin } from './ReduceMin';
import { ReduceProd } from './ReduceProd';
import { ReduceSum } from './ReduceSum';
import { ReduceSumSquare } from './ReduceSumSquare';
import { Relu } from './Relu';
import { Reshape } from './Reshape';
import { RNN } from './RNN';
import { ScatterElements } from './ScatterElements';
import { ScatterND } from './ScatterND';
import { Selu } from './Selu';
import { Shape } from './Shape';
import { Sigmoid } from './Sigmoid';
import { Size } from './Size';
import { Slice } from './Slice';
import { Softmax } from './Softmax';
import { Softplus } from './Softplus';
import { Softsign } from './Softsign';
import { Split } from './Split';
import { Sqrt } from './Sqrt';
import { Squeeze } from './Squeeze';
import { StopGradient } from './StopGradient';
import { StraightThrough } from './StraightThrough';
import { Sub } from './Sub';
import { Sum } from './Sum';
import { Tanh } from './Tanh';
import { Tile } from './Tile';
import { TopK } from './TopK';
import { Transpose } from './Transpose';
import { Unsqueeze } from './Unsqueeze';
import { Where } from './Where';

/** Every op the engine knows: its shape rule, and where it has one, its gradient rule. */
const definitions: readonly OpDefinition[] = [
  Abs,
  Add,
  ArgMax,
  ArgMin,
  AveragePool,
  BatchNormalization,
  Cast,
  Clip,
  ...comparisonOps,
  Concat,
  Constant,
  ConstantOfShape,
  Conv,
  ConvTranspose,
  CumSum,
  Div,
  Dropout,
  Einsum,
  Elu,
  Erf,
  Exp,
  Expand,
  Flatten,
  Gather,
  GatherElements,
  Gelu,
  Gemm,
  GlobalAveragePool,
  GlobalMaxPool,
  GRU,
  HardSigmoid,
  Identity,
  InstanceNormalization,
  LayerNormalization,
  LeakyRelu,
  Log,
  LogSoftmax,
  LSTM,
  MatMul,
  Max,
  MaxPool,
  MaxUnpool,
  Mean,
  Min,
  Mul,
  Neg,
  Pad,
  Pow,
  Range,
  Reciprocal,
  ReduceL1,
  ReduceL2,
  ReduceLogSumExp,
  ReduceMax,
  ReduceMean,
  ReduceMin,
  ReduceProd,
  ReduceSum,
  ReduceSumSquare,
  Relu,
  Reshape,
  RNN,
  ScatterElements,
  ScatterND,
  Selu,
  Shape,
  Sigmoid,
  Size,
  Slice,
  Softmax,
  Softplus,
  Softsign,
  Split,
  Sqrt,
  Squeeze,
  ...stepOps,
  StopGradient,
  StraightThrough,
  Sub,
  Sum,
  Tanh,
  Tile,
  TopK,
  Transpose,
  Unsqueeze,
  Where,
];

const table = new Map(definitions.map((d) => [key(d.domain ?? '', d.op), d]));

function key(domain: string, op: string): string {
  return `${domain === 'ai.onnx' ? '' : domain}/${op}`;
}

export function lookupOp(domain: string, op: string): OpDefinition | undefined {
  return table.get(key(domain, op));
}

/** Names of the ops that have a gradient rule (for reports and the CLI). */
export function differentiableOps(): string[] {
  return definitions.filter((d) => typeof d.vjp === 'function').map((d) => d.op);
}
