import ort from 'onnxruntime-node';
import { AppError } from '../../errors';
import { formatShape, numel, tensor } from '../ir';
import type { DType, Tensor, TypedArray, Value } from '../ir';
import type { Traced } from '../trace';
import { compileGraph } from './compile';
import type { CompiledGraph } from './compile';
import { recycleOutputs } from './output-memory';
import { openSession, withSession } from './session-cache';
import type { OpenSession, SessionOptions, SessionRef } from './session-cache';

export type ProgramOptions = SessionOptions;

/** A feed: a tensor, or a bare typed array taking the input's declared shape. */
export type Feed = Tensor | TypedArray;

/** A compiled graph with its ONNX Runtime session, run with typed arrays. */
export class Program {
  /** The execution provider the program runs on. */
  readonly provider: string;
  /** Set when the requested execution provider was unavailable and the CPU is used instead. */
  readonly notice: string | undefined;
  /** sha256 of the compiled ONNX model. */
  readonly hash: string;
  private readonly session: SessionRef;

  private constructor(
    private readonly compiled: CompiledGraph,
    open: OpenSession & { readonly ref: SessionRef },
  ) {
    this.session = open.ref;
    this.provider = open.provider;
    this.notice = open.notice;
    this.hash = open.hash;
  }

  /** Compiles the outputs of one traced graph into a program (sessions are shared by content). */
  static async compile(outputs: Readonly<Record<string, Traced>>, options: ProgramOptions = {}): Promise<Program> {
    const compiled = compileGraph(outputs);
    return new Program(compiled, await openSession(compiled.bytes, options));
  }

  get inputs(): readonly Value[] {
    return this.compiled.inputs;
  }

  get outputs(): readonly Value[] {
    return this.compiled.outputs;
  }

  /** The ONNX model this program runs. */
  get modelBytes(): Uint8Array {
    return this.compiled.bytes;
  }

  /** Runs once. Parameters not fed take their initial value; feeds for inputs the outputs do not use are ignored. */
  async run(feeds: Readonly<Record<string, Feed>> = {}): Promise<Record<string, Tensor>> {
    for (const name of Object.keys(feeds)) {
      if (!this.compiled.declaredInputs.includes(name)) {
        throw new AppError('invalid-request', `'${name}' is not an input of this program`);
      }
    }
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const input of this.compiled.inputs) {
      const feed = feeds[input.name] ?? this.compiled.params.get(input.name);
      if (feed === undefined) throw new AppError('invalid-request', `input '${input.name}' was not given`);
      ortFeeds[input.name] = toOrt(input, feed);
    }
    const results = await withSession(this.session, ({ session }) => session.run(ortFeeds));
    const out: Record<string, Tensor> = {};
    let bytes = 0;
    for (const output of this.compiled.outputs) {
      const value = results[output.name];
      if (!value) throw new AppError('internal', `ONNX Runtime returned no '${output.name}'`);
      const data = value.data as TypedArray;
      out[output.name] = tensor(value.type as DType, value.dims.map(Number), data);
      bytes += data.byteLength;
    }
    recycleOutputs(bytes);
    return out;
  }
}

function toOrt(input: Value, feed: Feed): ort.Tensor {
  const data = ArrayBuffer.isView(feed) ? feed : feed.data;
  const dtype = ArrayBuffer.isView(feed) ? undefined : feed.dtype;
  if (dtype !== undefined && dtype !== input.dtype) {
    throw new AppError('invalid-request', `input '${input.name}' is ${input.dtype}, got ${dtype}`);
  }
  if (!ArrayBuffer.isView(feed) && feed.shape.join() !== input.shape.join()) {
    throw new AppError(
      'invalid-request',
      `input '${input.name}' has shape ${formatShape(input.shape)}, got ${formatShape(feed.shape)}`,
    );
  }
  if (data.length !== numel(input.shape) || !matchesType(data, input.dtype)) {
    throw new AppError(
      'invalid-request',
      `input '${input.name}' needs ${numel(input.shape)} ${input.dtype} values, got ${data.length} in a ${data.constructor.name}`,
    );
  }
  return new ort.Tensor(input.dtype, data, [...input.shape]);
}

const arrayTypes: Record<DType, string> = {
  float32: 'Float32Array',
  float64: 'Float64Array',
  float16: 'Uint16Array',
  int8: 'Int8Array',
  uint8: 'Uint8Array',
  bool: 'Uint8Array',
  int16: 'Int16Array',
  uint16: 'Uint16Array',
  int32: 'Int32Array',
  uint32: 'Uint32Array',
  int64: 'BigInt64Array',
  uint64: 'BigUint64Array',
};

function matchesType(data: TypedArray, dtype: DType): boolean {
  return data.constructor.name === arrayTypes[dtype];
}
