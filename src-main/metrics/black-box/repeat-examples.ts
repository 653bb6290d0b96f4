import type { Tensor } from '../../engine/ir';

/** Each example repeated `times` times in a row (torch `repeat_interleave(times, 0)`): row r is example ⌊r/times⌋. */
export function repeatEachExample(x: Tensor, times: number): Tensor {
  const [examples = 0] = x.shape;
  const rowSize = x.data.length / Math.max(1, examples);
  const data = new (x.data.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(x.data.length * times);
  for (let r = 0; r < examples * times; r++) {
    const b = Math.floor(r / times);
    data.set((x.data as Float32Array | Float64Array).subarray(b * rowSize, (b + 1) * rowSize), r * rowSize);
  }
  return { dtype: x.dtype, shape: [examples * times, ...x.shape.slice(1)], data };
}
