import { createHash } from 'node:crypto';
import ort from 'onnxruntime-node';
import { errorMessage } from '../../errors';

export interface SessionOptions {
  /** ONNX Runtime execution provider name ('cpu', 'cuda', 'dml', 'coreml', …); default 'cpu'. */
  readonly executionProvider?: string;
  /** Threads for one op (ONNX Runtime intra-op threads); default: ONNX Runtime's choice. */
  readonly intraOpThreads?: number;
  /**
   * ONNX Runtime's CPU memory arena (default on): repeated runs reuse its blocks, but what it takes
   * stays with the process. Off for programs compiled for one input shape and run a few times
   * (the time-forward tunnel's per-prefix programs), whose arenas would otherwise pile up.
   */
  readonly memoryArena?: boolean;
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

interface Entry {
  readonly open: Promise<OpenSession>;
  /** Runs in flight: an entry in use is never evicted. */
  users: number;
}

/** Most recently used last. */
const cache = new Map<string, Entry>();
let defaults: SessionOptions = {};
let generation = 0;

/**
 * Idle sessions kept open. An explainer uses a few programs; a loop over input shapes (tint's
 * time-forward tunnel compiles two programs per prefix length, 400 for T = 200) would otherwise
 * keep every session of every shape and run out of memory. An evicted session is created again
 * when its program runs next.
 */
export const MAX_IDLE_SESSIONS = 32;

/** Where a program's session is found, again after an eviction: the key and what it is made from. */
export interface SessionRef {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly provider: string;
  readonly threads: number | undefined;
  readonly memoryArena: boolean;
}

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
export async function openSession(
  bytes: Uint8Array,
  options: SessionOptions = {},
): Promise<OpenSession & { readonly ref: SessionRef }> {
  const provider = options.executionProvider ?? defaults.executionProvider ?? 'cpu';
  const threads = options.intraOpThreads ?? defaults.intraOpThreads;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const memoryArena = options.memoryArena ?? true;
  const ref: SessionRef = {
    key: `${hash}|${provider}|${threads ?? ''}|${memoryArena ? 'arena' : 'no-arena'}`,
    bytes,
    provider,
    threads,
    memoryArena,
  };
  const open = await withSession(ref, (session) => Promise.resolve(session));
  return { ...open, ref };
}

/** Runs `use` on the session `ref` names, opening it again if it was evicted or released. */
export async function withSession<T>(ref: SessionRef, use: (open: OpenSession) => Promise<T>): Promise<T> {
  let entry = cache.get(ref.key);
  if (entry === undefined) {
    const hash = ref.key.slice(0, ref.key.indexOf('|'));
    entry = { open: create(ref, hash), users: 0 };
    const created = entry;
    created.open.catch(() => {
      if (cache.get(ref.key) === created) cache.delete(ref.key);
    });
  } else {
    cache.delete(ref.key);
  }
  cache.set(ref.key, entry);
  entry.users += 1;
  try {
    return await use(await entry.open);
  } finally {
    entry.users -= 1;
    evictIdle();
  }
}

/** Releases the least recently used idle sessions beyond MAX_IDLE_SESSIONS. */
function evictIdle(): void {
  let idle = [...cache.values()].filter((e) => e.users === 0).length;
  for (const [key, entry] of cache) {
    if (idle <= MAX_IDLE_SESSIONS) return;
    if (entry.users > 0) continue;
    cache.delete(key);
    idle -= 1;
    void entry.open.then(
      (open) => open.session.release(),
      () => undefined,
    );
  }
}

/** Releases every cached session (a program that runs afterwards opens its own again). */
export async function releaseSessions(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  generation += 1;
  for (const entry of entries) {
    const open = await entry.open.catch(() => undefined);
    await open?.session.release();
  }
}

/** How many sessions are open (programs with the same content share one). */
export function openSessionCount(): number {
  return cache.size;
}

async function create({ bytes, provider, threads, memoryArena }: SessionRef, hash: string): Promise<OpenSession> {
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    interOpNumThreads: 1,
    enableCpuMemArena: memoryArena,
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
