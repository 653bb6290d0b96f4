import { createHash } from 'node:crypto';
import ort from 'onnxruntime-node';
import { errorMessage } from '../../errors';

export interface SessionOptions {
  /** ONNX Runtime execution provider name ('cpu', 'cuda', 'dml', 'coreml', …); default 'cpu'. */
  readonly executionProvider?: string;
  /** Threads for one op (ONNX Runtime intra-op threads); default: ONNX Runtime's choice. */
  readonly intraOpThreads?: number;
}

export interface OpenSession {
  /** sha256 of the model bytes: the program's identity in provenance records. */
  readonly hash: string;
  readonly session: ort.InferenceSession;
  /** The provider the session runs on. */
  readonly provider: string;
  /** Why the requested provider is not the one in use (CPU fallback), for the user to see. */
  readonly notice?: string;
}

const cache = new Map<string, Promise<OpenSession>>();
let defaults: SessionOptions = {};
let generation = 0;

/**
 * What programs compiled without options run on: the study's settings, applied once per job by
 * the worker, so that every explainer honours them without passing options through each call.
 */
export function setSessionDefaults(options: SessionOptions): void {
  const changed =
    options.executionProvider !== defaults.executionProvider || options.intraOpThreads !== defaults.intraOpThreads;
  defaults = { ...options };
  if (changed) generation += 1;
}

/**
 * Changes whenever programs compiled before may no longer run as asked: their sessions were
 * released, or the defaults they were compiled under changed. Caches of programs key on it.
 */
export function sessionGeneration(): number {
  return generation;
}

/** A session for these model bytes and options, shared by every program with the same content. */
export function openSession(bytes: Uint8Array, options: SessionOptions = {}): Promise<OpenSession> {
  const provider = options.executionProvider ?? defaults.executionProvider ?? 'cpu';
  const threads = options.intraOpThreads ?? defaults.intraOpThreads;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const key = `${hash}|${provider}|${threads ?? ''}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = create(bytes, hash, provider, threads);
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
  }
  return entry;
}

/** Releases every cached session (their programs must not run afterwards). */
export async function releaseSessions(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  generation += 1;
  for (const entry of entries) {
    const open = await entry.catch(() => undefined);
    await open?.session.release();
  }
}

/** How many sessions are open (programs with the same content share one). */
export function openSessionCount(): number {
  return cache.size;
}

async function create(
  bytes: Uint8Array,
  hash: string,
  provider: string,
  threads: number | undefined,
): Promise<OpenSession> {
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    interOpNumThreads: 1,
    ...(threads !== undefined ? { intraOpNumThreads: threads } : {}),
  };
  if (provider === 'cpu') return { hash, session: await ort.InferenceSession.create(bytes, base), provider };
  const supported = ort.listSupportedBackends().some((b) => b.name === provider);
  let reason = `this ONNX Runtime build has no '${provider}' execution provider`;
  if (supported) {
    try {
      const session = await ort.InferenceSession.create(bytes, { ...base, executionProviders: [provider] });
      return { hash, session, provider };
    } catch (error) {
      reason = `the '${provider}' execution provider could not start (${errorMessage(error)})`;
    }
  }
  const session = await ort.InferenceSession.create(bytes, base);
  return { hash, session, provider: 'cpu', notice: `${reason}; running on the CPU instead` };
}
