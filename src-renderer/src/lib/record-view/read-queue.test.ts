import { describe, expect, it } from 'vitest';
import { ReadQueue } from './read-queue';
import { annotation, TestReader } from './test-fixtures';

describe('ReadQueue', () => {
  it('answers the lanes’ reads of one window with one call for all their channels', async () => {
    const reader = new TestReader();
    const queue = new ReadQueue(reader);
    const lead0 = queue.readSignal({ recordId: 1, channels: [0], start: 100, count: 10 });
    const lead1 = queue.readSignal({ recordId: 1, channels: [1], start: 100, count: 10 });
    await reader.release();
    expect(reader.signalCalls.map((c) => c.params.channels)).toEqual([[0, 1]]);
    expect((await lead0).channels.map((c) => c.index)).toEqual([0]);
    expect((await lead1).channels.map((c) => c.index)).toEqual([1]);
    expect((await lead1).channels[0]?.values[0]).toBeCloseTo(1000.1);
  });

  it('keeps different windows apart, and sends every read in the order asked', async () => {
    const reader = new TestReader();
    reader.annotations = [annotation(5, 'N')];
    const queue = new ReadQueue(reader);
    const reads = [
      queue.readSignal({ recordId: 1, channels: [0], start: 0, count: 10 }),
      queue.readEnvelope({ recordId: 1, channels: [0], start: 0, count: 1000, bins: 10 }),
      queue.listAnnotations({ recordId: 1 }),
      queue.readSignal({ recordId: 1, channels: [1], start: 50, count: 10 }),
    ];
    expect(reader.sent).toEqual([]);
    await reader.release();
    await Promise.all(reads);
    expect(reader.sent).toEqual(['readSignal', 'readEnvelope', 'listAnnotations', 'readSignal']);
    expect(reader.signalCalls.map((c) => c.params.start)).toEqual([0, 50]);
  });

  it('passes a failure to every lane that shared the read', async () => {
    const reader = new TestReader();
    reader.failWith = 'disk full';
    const queue = new ReadQueue(reader);
    const reads = [0, 1].map((channel) =>
      queue
        .readSignal({ recordId: 1, channels: [channel], start: 0, count: 10 })
        .catch((e: unknown) => (e as Error).message),
    );
    await reader.release();
    await expect(Promise.all(reads)).resolves.toEqual(['disk full', 'disk full']);
  });
});
