import type { Traced } from '../../trace';
import type { CanonicalContext } from '../definition';
import type { ConvGeometry } from './conv-geometry';

/** Attributes that describe the spatial axes; they are rewritten, every other attribute is kept. */
const spatialAttributes = new Set(['auto_pad', 'pads', 'strides', 'dilations', 'kernel_shape']);

/**
 * A 1-D sliding-window node (Conv, MaxPool, AveragePool) as the 2-D one of height 1: ONNX
 * Runtime's CPU provider has blocked (NCHWc) kernels for 2-D windows only, and they are markedly
 * faster. `lifted` are the inputs that gain the height axis (data, and a convolution's weight).
 */
export function liftTo2d(
  { g, node, inputs }: CanonicalContext,
  geometry: ConvGeometry,
  lifted: readonly number[],
): readonly Traced[] | undefined {
  const [x] = inputs;
  if (!x || x.rank !== 3) return undefined;
  const kept = Object.entries(node.attrs.attributes).filter(([name]) => !spatialAttributes.has(name));
  const attributes = {
    ...Object.fromEntries(kept),
    kernel_shape: [1, ...geometry.kernel],
    strides: [1, ...geometry.strides],
    dilations: [1, ...geometry.dilations],
    pads: [0, ...geometry.padsBegin, 0, ...geometry.padsEnd],
  };
  const ins = inputs.map((v, i) => (v && lifted.includes(i) ? v.unsqueeze([2]) : v));
  return g.opN(node.op, ins, attributes, { name: node.name, outputs: node.outputCount }).map((out) => out.squeeze([2]));
}
