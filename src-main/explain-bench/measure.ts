/** What one piece of work cost. */
export interface Measured<T> {
  readonly value: T;
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** CPU seconds of the process (all threads), which a loaded machine does not inflate as it does the wall clock. */
  readonly cpuSeconds: number;
  /** The process's peak resident memory while it ran, in MB. */
  readonly peakRssMb: number;
}

/** RSS samples every 20 ms catch the peaks that the kernel's process-wide maximum cannot attribute. */
const SAMPLE_MS = 20;

/**
 * Runs `work`, timing it and tracking resident memory. The kernel's maximum RSS is exact but is
 * the process's peak so far: when it rose during `work`, that rise is the work's peak; when it
 * did not, the work stayed under an earlier peak and the samples (taken whenever the event loop
 * is free, e.g. while ONNX Runtime computes) give its own.
 */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const maxBefore = process.resourceUsage().maxRSS;
  let sampled = process.memoryUsage.rss();
  const sample = (): void => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    sample();
    const maxAfter = process.resourceUsage().maxRSS;
    // resourceUsage() reports kilobytes, memoryUsage() bytes, cpuUsage() microseconds.
    const peakBytes = maxAfter > maxBefore ? maxAfter * 1024 : sampled;
    return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: peakBytes / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
