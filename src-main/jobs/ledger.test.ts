import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTempStudy, type TempStudy } from '../../test/support/temp-study';
import { insertJob, readJob } from './job-rows';
import { JobLedger } from './ledger';
import { thisRunner } from './runner';

let temp: TempStudy;
let ledger: JobLedger;
beforeEach(() => {
  temp = createTempStudy([]);
  ledger = JobLedger.open(temp.path);
});
afterEach(async () => {
  await ledger.close();
  temp.remove();
});

const newJob = { kind: 'record-statistics', params: {}, seed: 1, createdBy: 'ana', runner: thisRunner };

it('waits for a write lock held elsewhere on a timer, with the event loop free, and keeps the order of writes', async () => {
  const importer = new Database(temp.path);
  importer.exec('BEGIN IMMEDIATE');
  const order: string[] = [];
  const first = ledger.write((db) => {
    order.push('first');
    return insertJob(db, newJob, new Date());
  });
  const second = ledger.write((db) => {
    order.push('second');
    return readJob(db, 1).status;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(order).toEqual([]);

  importer.exec('COMMIT');
  importer.close();
  await expect(first).resolves.toBe(1);
  await expect(second).resolves.toBe('queued');
  expect(order).toEqual(['first', 'second']);
});

it('rolls back a write that fails, reports it, and goes on with the next', async () => {
  const failing = ledger.write((db) => {
    insertJob(db, newJob, new Date());
    throw new Error('disk on fire');
  });
  const next = ledger.write((db) => insertJob(db, newJob, new Date()));
  await expect(failing).rejects.toThrow('disk on fire');
  await expect(next).resolves.toBe(1);
});
