import { describe, expect, it } from 'vitest';
import { ChannelTrace, OVERVIEW_BINS } from './channel-trace';
import { rampValue, TestReader, twoLeadRecord } from './test-fixtures';

const LENGTH = twoLeadRecord.sampleCount;

function trace(reader: TestReader, sampleCount = LENGTH): { trace: ChannelTrace; loaded: number[]; errors: string[] } {
  const loaded: number[] = [];
  const errors: string[] = [];
  const made = new ChannelTrace(
    reader,
    7,
    1,
    sampleCount,
    () => loaded.push(1),
    (message) => errors.push(message),
  );
  return { trace: made, loaded, errors };
}

describe('ChannelTrace', () => {
  it('reads the whole record as an envelope of about 2,048 bins for the overview', async () => {
    const reader = new TestReader();
    const { trace: channel, loaded } = trace(reader);
    const done = channel.loadOverview();
    await reader.release();
    await done;
    expect(reader.envelopeCalls[0]?.params).toEqual({
      recordId: 7,
      channels: [1],
      start: 0,
      count: 2532 * 256,
      bins: 2532,
    });
    expect(channel.overview).toMatchObject({ detail: 'envelope', start: 0, end: LENGTH, samplesPerBin: 256 });
    expect(channel.overview?.min.length).toBeGreaterThan(OVERVIEW_BINS);
    expect(loaded).toHaveLength(1);
  });

  it('joins the pieces of an envelope read split at the API’s limit', async () => {
    const reader = new TestReader();
    const { trace: channel } = trace(reader);
    // The whole record in 32-sample bins: 20,250 bins, more than one read may ask for.
    channel.blockFor({ start: 0, end: LENGTH }, 32);
    await reader.release();
    expect(reader.envelopeCalls.map((c) => [c.params.start, c.params.bins])).toEqual([
      [0, 20_000],
      [640_000, 250],
    ]);
    const block = channel.blockFor({ start: 0, end: LENGTH }, 32);
    expect(block).toMatchObject({ detail: 'envelope', start: 0, end: LENGTH, samplesPerBin: 32 });
    expect(block?.min.length).toBe(20_250);
    expect(block?.min[20_000]).toBeCloseTo(rampValue(1, 640_000), 3);
    expect(block?.max[20_249]).toBeCloseTo(rampValue(1, LENGTH - 1), 3);
  });

  it('asks for raw samples around a zoomed-in view, and draws from them once they arrive', async () => {
    const reader = new TestReader();
    const { trace: channel, loaded } = trace(reader);
    const view = { start: 36_000, end: 39_600 };
    expect(channel.blockFor(view, 3)).toBeNull();
    expect(reader.signalCalls.map((c) => [c.params.start, c.params.count])).toEqual([[32_400, 10_800]]);
    await reader.release();
    expect(loaded).toHaveLength(1);
    const block = channel.blockFor(view, 3);
    expect(block?.detail).toBe('samples');
    expect(block?.min[0]).toBeCloseTo(rampValue(1, 32_400), 3);
    expect(reader.signalCalls).toHaveLength(1);
  });

  it('fetches ahead when the view nears the edge of what it holds, while still drawing from it', async () => {
    const reader = new TestReader();
    const { trace: channel } = trace(reader);
    channel.blockFor({ start: 36_000, end: 39_600 }, 3);
    await reader.release();
    const panned = { start: 40_000, end: 43_600 };
    expect(channel.blockFor(panned, 3)?.start).toBe(32_400);
    expect(reader.signalCalls).toHaveLength(2);
    expect(reader.signalCalls[1]?.params.start).toBe(36_400);
  });

  it('draws from an older block that overlaps while the right one loads, and asks once', async () => {
    const reader = new TestReader();
    const { trace: channel } = trace(reader);
    channel.blockFor({ start: 36_000, end: 39_600 }, 3);
    await reader.release();
    const zoomedOut = { start: 0, end: 360_000 };
    expect(channel.blockFor(zoomedOut, 100)?.detail).toBe('samples');
    channel.blockFor(zoomedOut, 100);
    expect(reader.envelopeCalls).toHaveLength(1);
    await reader.release();
    expect(channel.blockFor(zoomedOut, 100)?.detail).toBe('envelope');
  });

  it('reports a failed read once, without asking again for the same block', async () => {
    const reader = new TestReader();
    reader.failWith = 'no such record';
    const { trace: channel, errors } = trace(reader);
    channel.blockFor({ start: 0, end: 1000 }, 1);
    await reader.release();
    channel.blockFor({ start: 0, end: 1000 }, 1);
    expect(errors).toEqual(['no such record']);
    expect(reader.signalCalls).toHaveLength(1);
  });
});
