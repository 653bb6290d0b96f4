import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runnerMayBeAlive, thisRunner } from './runner';

describe('runnerMayBeAlive', () => {
  it('knows that a process of this machine that does not exist is gone', () => {
    expect(runnerMayBeAlive(`${hostname()}:999999999`)).toBe(false);
    expect(runnerMayBeAlive(null)).toBe(false);
  });

  it('keeps this process, a live one, and any process of another machine', () => {
    expect(runnerMayBeAlive(thisRunner)).toBe(true);
    expect(runnerMayBeAlive(`${hostname()}:${process.ppid}`)).toBe(true);
    expect(runnerMayBeAlive('gpu-server-7:12')).toBe(true);
  });
});
