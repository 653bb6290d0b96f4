import { PerformanceObserver, constants } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { recycleOutputs } from './output-memory';

async function collectionsDuring(work: () => void): Promise<number> {
  let minor = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // A gc entry's `detail` (its kind) is missing from this @types/node's PerformanceEntry.
      const { detail } = entry as { detail?: { kind?: number } | null };
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  work();
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return minor;
}

describe('recycling the memory of program outputs', () => {
  it('collects the young generation once a few megabytes of outputs were handed out', async () => {
    expect(await collectionsDuring(() => recycleOutputs(4 * 1024 * 1024))).toBeGreaterThanOrEqual(1);
  });
});
