import { describe, expect, it } from 'vitest';
import { ChannelTrace, OVERVIEW_BINS } from './channel-trace';
import { rampValue, TestReader } from './test-fixtures';

const HOUR = 360 * 3600;

function trace(reader: TestReader, sampleCount = HOUR): { trace: ChannelTrace; loaded: number[]; errors: string[] } {
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
  it('reads the whole record as an envelope for the overview', async () => {
    const reader = new TestReader();
    const { trace: channel, loaded } = trace(reader);
    const done = channel.loadOverview();
    await reader.release();
    await done;
    expect(reader.envelopeCalls[0]?.params).toEqual({
      recordId: 7,
      channels: [1],
      start: 0,
      count: HOUR,
      bins: OVERVIEW_BINS,
    });
    expect(channel.overview?.detail).toBe('envelope');
    expect(channel.overview?.end).toBe(HOUR);
    expect(loaded).toHaveLength(1);
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
