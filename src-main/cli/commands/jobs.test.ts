import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempStudy, type TempStudy } from '../../../test/support/temp-study';
import { openStudy } from '../../store';
import { UsageError, type OptionValues } from '../command';
import { jobsCommand } from './jobs';

let temp: TempStudy;
beforeEach(() => {
  temp = createTempStudy();
  // A job left running by a process that is gone (Linux's process ids stop at 2^22).
  const study = openStudy(temp.path);
  study.db
    .prepare(
      `INSERT INTO jobs (kind, params, seed, status, fraction, phase, attempts, created_by, created_at, runner)
       VALUES ('record-statistics', '{"sampleFraction":1}', 5, 'running', 0.4, 'record 100 (1/3)', 1, 'ana', ?, ?)`,
    )
    .run('2026-11-26T10:00:00.000Z', `${hostname()}:999999999`);
  study.close();
});
afterEach(() => temp.remove());

/** Runs `salience jobs …` as the CLI would after parsing its options. */
async function jobs(positionals: string[], options: OptionValues = {}, json = false) {
  let out = '';
  let err = '';
  await jobsCommand.run({
    values: { study: temp.path, ...options },
    positionals,
    json,
    io: { out: (t) => (out += t), err: (t) => (err += t), untilStopped: () => Promise.resolve() },
    openStudy: () => openStudy(temp.path),
  });
  return { out, err };
}

describe('salience jobs', () => {
  it('lists the jobs, showing one whose process is gone as interrupted', async () => {
    const { out } = await jobs(['list']);
    expect(out).toBe(
      [
        'id  kind               status       progress  created              by   note',
        '1   record-statistics  interrupted  40%       2026-11-26 10:00:00  ana  record 100 (1/3)',
        '',
      ].join('\n'),
    );
    expect(JSON.parse((await jobs(['list'], {}, true)).out)).toMatchObject({
      jobs: [{ id: 1, status: 'interrupted' }],
    });
  });

  it('shows one job and how to resume it, and cancels it for good', async () => {
    expect((await jobs(['show', '1'])).out).toBe(
      [
        'job 1 (record-statistics): interrupted, 40%, record 100 (1/3)',
        '  parameters {"sampleFraction":1}, seed 5, run 1 time(s), by ana',
        "  'salience jobs resume 1' continues it from its checkpoints",
        '',
      ].join('\n'),
    );
    expect(JSON.parse((await jobs(['cancel', '1'], {}, true)).out)).toMatchObject({ job: { status: 'cancelled' } });
    await expect(jobs(['cancel', '1'])).rejects.toThrow('job 1 is already cancelled');
  });

  it('needs the built worker to run a job, and stores nothing without it', async () => {
    await expect(jobs(['statistics'], { source: 'wfdb' })).rejects.toThrow(
      /job worker is not built; run 'npm run build'/,
    );
    expect(JSON.parse((await jobs(['list'], {}, true)).out)).toMatchObject({ jobs: [{ id: 1 }] });
  });

  it('says how it is called when the action or the ID is wrong', async () => {
    await expect(jobs([])).rejects.toThrow(UsageError);
    await expect(jobs(['explain'])).rejects.toThrow(/expected one of list, show, statistics, predict, resume, cancel/);
    await expect(jobs(['resume'])).rejects.toThrow("'jobs resume' needs a job ID");
    await expect(jobs(['list', '3'])).rejects.toThrow("'jobs list' takes no ID");
    await expect(jobs(['statistics'], { sample: 'half' })).rejects.toThrow("--sample: expected a number, got 'half'");
    await expect(jobs(['predict'])).rejects.toThrow("'jobs predict' needs --model M");
  });
});
