import type { NodeInfo } from '../definition';

/** Per spatial axis: stride, dilation, explicit begin/end pads, kernel size, input and output sizes. */
export interface ConvGeometry {
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly padsBegin: readonly number[];
  readonly padsEnd: readonly number[];
  readonly kernel: readonly number[];
  readonly input: readonly number[];
  readonly output: readonly number[];
}

/**
 * Resolves a sliding-window node's attributes (Conv, MaxPool, AveragePool) over `input` spatial
 * sizes with `kernel`: auto_pad becomes explicit pads, and the output size follows ONNX
 * (floor, or ceil with ceil_mode, where a last window must start inside the padded input).
 */
export function convGeometry(node: NodeInfo, input: readonly number[], kernel: readonly number[]): ConvGeometry {
  const rank = input.length;
  const { attrs } = node;
  const ones = new Array<number>(rank).fill(1);
  const strides = attrs.ints('strides', ones);
  const dilations = attrs.ints('dilations', ones);
  if (strides.length !== rank || dilations.length !== rank || kernel.length !== rank) {
    node.fail(`strides, dilations and kernel need ${rank} entries`);
  }
  const ceil = attrs.int('ceil_mode', 0) === 1;
  const autoPad = attrs.string('auto_pad', 'NOTSET');
  const span = (i: number): number => (dilations[i] ?? 1) * ((kernel[i] ?? 1) - 1) + 1;
  let padsBegin: number[];
  let padsEnd: number[];
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const totals = input.map((l, i) => {
      const out = Math.ceil(l / (strides[i] ?? 1));
      return Math.max(0, (out - 1) * (strides[i] ?? 1) + span(i) - l);
    });
    const small = totals.map((t) => Math.floor(t / 2));
    const large = totals.map((t, i) => t - (small[i] ?? 0));
    [padsBegin, padsEnd] = autoPad === 'SAME_UPPER' ? [small, large] : [large, small];
  } else if (autoPad === 'VALID') {
    padsBegin = [...ones].fill(0);
    padsEnd = [...ones].fill(0);
  } else {
    const pads = attrs.ints('pads', new Array<number>(2 * rank).fill(0));
    if (pads.length !== 2 * rank) node.fail(`pads needs ${2 * rank} entries`);
    padsBegin = pads.slice(0, rank);
    padsEnd = pads.slice(rank);
  }
  const output = input.map((l, i) => {
    const s = strides[i] ?? 1;
    const room = l + (padsBegin[i] ?? 0) + (padsEnd[i] ?? 0) - span(i);
    if (room < 0)
      node.fail(`the kernel (${kernel[i] ?? 0}, dilation ${dilations[i] ?? 1}) is larger than the padded input (${l})`);
    if (!ceil) return Math.floor(room / s) + 1;
    const out = Math.ceil(room / s) + 1;
    // The last window must start inside the input or its begin padding.
    return (out - 1) * s >= l + (padsBegin[i] ?? 0) ? out - 1 : out;
  });
  return { strides, dilations, padsBegin, padsEnd, kernel, input, output };
}

/** ONNX `pads` order: all begins, then all ends. */
export function padsOf(geometry: Pick<ConvGeometry, 'padsBegin' | 'padsEnd'>): number[] {
  return [...geometry.padsBegin, ...geometry.padsEnd];
}
