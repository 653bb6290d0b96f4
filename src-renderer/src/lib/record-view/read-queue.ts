import type { ApiParams, ApiResult } from '$api/contract';
import type { ApiClient } from '../api';

/** The calls the record view reads through (a fake in tests). */
export type RecordReader = Pick<ApiClient, 'readSignal' | 'readEnvelope' | 'listAnnotations'>;

interface WindowResult {
  channels: { index: number }[];
}

interface QueuedRead {
  /** Reads with the same key differ only in their channels; null for reads never merged. */
  key: string | null;
  /** Adds a caller's channels to this read and resolves with their part of the answer. */
  join?: (channels: readonly number[]) => Promise<unknown>;
  send: () => void;
}

/**
 * The reads of one frame, sent in the order asked and merged: every lane asks for the same
 * window of its own channel, and one call with all those channels answers them all. The
 * server answers calls in order, so the window the analyst waits for goes out first.
 */
export class ReadQueue implements RecordReader {
  private queue: QueuedRead[] = [];

  constructor(private readonly reader: RecordReader) {}

  readSignal = (params: ApiParams<'readSignal'>): Promise<ApiResult<'readSignal'>> =>
    this.enqueue(['readSignal', params.recordId, params.start, params.count], params.channels, (channels) =>
      this.reader.readSignal({ ...params, channels }),
    );

  readEnvelope = (params: ApiParams<'readEnvelope'>): Promise<ApiResult<'readEnvelope'>> =>
    this.enqueue(
      ['readEnvelope', params.recordId, params.start, params.count, params.bins],
      params.channels,
      (channels) => this.reader.readEnvelope({ ...params, channels }),
    );

  listAnnotations = (params: ApiParams<'listAnnotations'>): Promise<ApiResult<'listAnnotations'>> =>
    new Promise((resolve, reject) => {
      this.push({ key: null, send: () => void this.reader.listAnnotations(params).then(resolve, reject) });
    });

  private enqueue<R extends WindowResult>(
    what: readonly (string | number)[],
    channels: readonly number[],
    call: (channels: number[]) => Promise<R>,
  ): Promise<R> {
    const key = what.join('/');
    const same = this.queue.find((read) => read.key === key);
    // The key names the method, so a read found under it answers with this method's result.
    if (same?.join !== undefined) return same.join(channels) as Promise<R>;
    const waiters: { channels: readonly number[]; resolve: (result: R) => void; reject: (error: unknown) => void }[] =
      [];
    const join = (wanted: readonly number[]): Promise<R> =>
      new Promise((resolve, reject) => waiters.push({ channels: wanted, resolve, reject }));
    const send = (): void => {
      call([...new Set(waiters.flatMap((w) => w.channels))]).then(
        (result) => {
          for (const { channels: wanted, resolve } of waiters) {
            resolve({ ...result, channels: result.channels.filter((c) => wanted.includes(c.index)) });
          }
        },
        (error: unknown) => {
          for (const { reject } of waiters) reject(error);
        },
      );
    };
    this.push({ key, join, send });
    return join(channels);
  }

  private push(read: QueuedRead): void {
    if (this.queue.length === 0) queueMicrotask(() => this.flush());
    this.queue.push(read);
  }

  private flush(): void {
    const reads = this.queue;
    this.queue = [];
    for (const read of reads) read.send();
  }
}
