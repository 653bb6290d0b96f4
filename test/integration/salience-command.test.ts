import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempStudy, type TempStudy } from '../support/temp-study';

const bin = fileURLToPath(new URL('../../bin/salience.js', import.meta.url));

function salience(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let temp: TempStudy;
beforeAll(() => {
  temp = createTempStudy();
});
afterAll(() => temp.remove());

describe('the built salience command', { timeout: 60_000 }, () => {
  it('runs as an executable and prints its help', () => {
    const result = salience('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: salience <command> [options]');
  });

  it('prints exactly one JSON object with --json', () => {
    const result = salience('records', '--study', temp.path, '--json');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect((JSON.parse(result.stdout) as { records: unknown[] }).records).toHaveLength(3);
  });

  it('uses exit codes 1 and 2 with salience: messages on stderr', () => {
    const error = salience('records', '--study', `${temp.dir}/none.sqlite`);
    expect(error.status).toBe(1);
    expect(error.stderr).toMatch(/^salience: .*none\.sqlite: no such study/);
    const usage = salience('records', '--bogus');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^salience: /);
  });
});
