import ort from 'onnxruntime-node';
import { listExecutionProviders } from '../engine';
import { formatShape, tensor } from '../engine/ir';
import type { Tensor } from '../engine/ir';
import { AppError, errorMessage } from '../errors';
import { expectedOutputWidth } from './card-check';
import type { LoadedModel } from './loaded-model';

export interface InferenceOptions {
  /** An ONNX Runtime execution provider by name ('cpu', 'cuda', 'dml', 'coreml', …); default 'cpu'. */
  readonly executionProvider?: string;
  /** Windows per ONNX Runtime call; a model whose graph fixes its batch size uses that instead. */
  readonly batchSize?: number;
}

/** Runs one model forward on ONNX Runtime (no autodiff): windows [B, T, D] in, raw outputs [B, K] out. */
export interface ModelRunner {
  /** The execution provider in use. */
  readonly provider: string;
  /** Why the requested provider is not the one in use (CPU fallback), for the user to see. */
  readonly notice: string | undefined;
  run(windows: Tensor): Promise<Tensor>;
}

interface OpenedSession {
  readonly session: ort.InferenceSession;
  readonly provider: string;
  readonly notice?: string;
}

const DEFAULT_BATCH = 256;

/** One session per model content and provider, shared by every runner. */
const sessions = new Map<string, Promise<OpenedSession>>();

export async function openModelRunner(model: LoadedModel, options: InferenceOptions = {}): Promise<ModelRunner> {
  const { session, provider, notice } = await cachedSession(model, options.executionProvider ?? 'cpu');
  const fixedBatch = model.signature.input.shape[0] ?? -1;
  const chunk = fixedBatch > 0 ? fixedBatch : (options.batchSize ?? DEFAULT_BATCH);
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new AppError('invalid-request', `batch size: expected a positive integer, got ${chunk}`);
  }
  return {
    provider,
    notice,
    run: (windows) => runInChunks(session, model, windows, chunk, fixedBatch > 0),
  };
}

/**
 * The output shape the model gives for one batch of zero windows on the CPU: how a card is
 * checked against outputs whose dimensions the graph leaves symbolic.
 */
export async function probeOutputShape(model: LoadedModel): Promise<number[]> {
  const { session } = await cachedSession(model, 'cpu');
  const { input, output } = model.signature;
  const batch = Math.max(1, input.shape[0] ?? 1);
  const { windowLength, channels } = model.card.input;
  const zeros = new Float32Array(batch * windowLength * channels.length);
  let results: ort.InferenceSession.OnnxValueMapType;
  try {
    results = await session.run({
      [input.name]: new ort.Tensor('float32', zeros, [batch, windowLength, channels.length]),
    });
  } catch (error) {
    throw new AppError(
      'bad-input',
      `${model.source}: ONNX Runtime cannot run the model on [${batch}, ${windowLength}, ${channels.length}] windows (${errorMessage(error)})`,
      { cause: error },
    );
  }
  return results[output.name]?.dims.map(Number) ?? [];
}

function cachedSession(model: LoadedModel, requested: string): Promise<OpenedSession> {
  const key = `${model.sha256}|${requested}`;
  let opened = sessions.get(key);
  if (!opened) {
    opened = openSession(model, requested);
    sessions.set(key, opened);
    opened.catch(() => sessions.delete(key));
  }
  return opened;
}

/** Releases every cached session (runners opened before must not run afterwards). */
export async function releaseModelSessions(): Promise<void> {
  const entries = [...sessions.values()];
  sessions.clear();
  for (const entry of entries) {
    const opened = await entry.catch(() => undefined);
    await opened?.session.release();
  }
}

async function openSession(model: LoadedModel, requested: string): Promise<OpenedSession> {
  const known = listExecutionProviders();
  const entry = known.find((p) => p.name === requested);
  if (!entry) {
    throw new AppError(
      'invalid-request',
      `execution provider '${requested}': this ONNX Runtime has ${known.map((p) => p.name).join(', ')}`,
    );
  }
  if (requested === 'cpu') return { session: await createSession(model, []), provider: 'cpu' };
  let reason = `the '${requested}' execution provider is not installed`;
  if (entry.status !== 'not-installed') {
    try {
      return { session: await createSession(model, [requested]), provider: requested };
    } catch (error) {
      reason = `the '${requested}' execution provider could not start (${errorMessage(error)})`;
    }
  }
  return { session: await createSession(model, []), provider: 'cpu', notice: `${reason}; running on the CPU instead` };
}

async function createSession(model: LoadedModel, providers: string[]): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(model.bytes, {
      graphOptimizationLevel: 'all',
      ...(providers.length > 0 ? { executionProviders: providers } : {}),
    });
  } catch (error) {
    if (providers.length > 0) throw error;
    throw new AppError('bad-input', `${model.source}: ONNX Runtime cannot load the model (${errorMessage(error)})`, {
      cause: error,
    });
  }
}

async function runInChunks(
  session: ort.InferenceSession,
  model: LoadedModel,
  windows: Tensor,
  chunk: number,
  padChunks: boolean,
): Promise<Tensor> {
  const [batch, time, channels] = requireWindowShape(model, windows);
  const frame = time * channels;
  const width = expectedOutputWidth(model.card);
  const { input, output } = model.signature;
  const out = new Float32Array(batch * width);
  for (let start = 0; start < batch; start += chunk) {
    const count = Math.min(chunk, batch - start);
    // A graph with a fixed batch size takes only full batches: the last one is padded with zeros.
    const fed = padChunks ? chunk : count;
    const data = new Float32Array(fed * frame);
    data.set(windows.data.subarray(start * frame, (start + count) * frame) as Float32Array);
    const results = await session.run({ [input.name]: new ort.Tensor('float32', data, [fed, time, channels]) });
    const value = results[output.name];
    if (value?.type !== 'float32' || value.dims.join() !== `${fed},${width}`) {
      throw new AppError(
        'bad-input',
        `${model.source}: for ${fed} windows the model returned ${value ? `${value.type} ${formatShape(value.dims.map(Number))}` : 'nothing'} as '${output.name}'; expected float32 [${fed}, ${width}]`,
      );
    }
    out.set((value.data as Float32Array).subarray(0, count * width), start * width);
  }
  return tensor('float32', [batch, width], out);
}

function requireWindowShape(model: LoadedModel, windows: Tensor): [number, number, number] {
  const { windowLength, channels } = model.card.input;
  const [batch = 0, time = 0, width = 0] = windows.shape;
  if (windows.dtype !== 'float32' || windows.shape.length !== 3 || time !== windowLength || width !== channels.length) {
    throw new AppError(
      'invalid-request',
      `model ${model.card.id} takes float32 windows [B, ${windowLength}, ${channels.length}] (${channels.map((c) => c.name).join(', ')}); got ${windows.dtype} ${formatShape(windows.shape)}`,
    );
  }
  return [batch, time, width];
}
