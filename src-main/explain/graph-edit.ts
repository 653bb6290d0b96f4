import type { Graph, Value } from '../engine';

/** Names not yet used in `graph` (node outputs, initializers, inputs), each unique: `base`, `base_1`, … */
export function freshNames(graph: Graph): (base: string) => string {
  const taken = new Set([
    ...graph.nodes.flatMap((n) => n.outputs),
    ...graph.initializers.keys(),
    ...graph.inputs.map((i) => i.name),
  ]);
  return (base) => {
    let name = base;
    for (let k = 1; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  };
}

/** A [B, T, F] input with its time axis made symbolic, so that the graph takes any length. */
export function anyTimeLength(input: Value): Value {
  return input.shapeUnknown === true || input.shape.length !== 3
    ? input
    : {
        ...input,
        shape: [input.shape[0] ?? -1, -1, input.shape[2] ?? -1],
        dimNames: [input.dimNames?.[0], 'time', undefined],
      };
}
