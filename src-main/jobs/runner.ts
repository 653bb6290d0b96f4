import { hostname } from 'node:os';

/**
 * Which process queued or runs a job, as `host:pid`. At start a queue marks as interrupted only
 * the unfinished jobs whose runner is gone, so a second process on the same study (the CLI
 * beside the app) never takes over jobs that are still running.
 */
export const thisRunner = `${hostname()}:${process.pid}`;

/** False only when the runner is known to be gone: a process of this machine that no longer exists. */
export function runnerMayBeAlive(runner: string | null): boolean {
  if (runner === null) return false;
  const separator = runner.lastIndexOf(':');
  const host = runner.slice(0, separator);
  const pid = Number(runner.slice(separator + 1));
  // Another machine's process: this one cannot tell, so it leaves the job alone.
  if (host !== hostname()) return true;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
