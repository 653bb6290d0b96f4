import { describe, expect, it } from 'vitest';
import { openStudyPerTest, sampleRecords } from '../../test/support/temp-study';
import { countRecords, insertRecord, listRecords } from './records';

const opened = openStudyPerTest();

describe('records', () => {
  it('lists every record in name order with its channels and duration', () => {
    const records = listRecords(opened.study.db);
    expect(records.map((r) => r.name)).toEqual(['100', 'stay-200001', 'test_generator']);
    const mitdb = records[0];
    expect(mitdb).toMatchObject({ source: 'wfdb', patientId: 'mitdb-100', channelCount: 2, samplingRateHz: 360 });
    expect(mitdb?.durationSec).toBeCloseTo(650000 / 360, 9);
    expect(records[1]?.durationSec).toBeCloseTo(48 * 3600, 6);
    expect(countRecords(opened.study.db)).toBe(sampleRecords.length);
  });

  it('filters by name, source or patient, ignoring case', () => {
    expect(listRecords(opened.study.db, 'GENERATOR').map((r) => r.name)).toEqual(['test_generator']);
    expect(listRecords(opened.study.db, 'mimic').map((r) => r.name)).toEqual(['stay-200001']);
    expect(listRecords(opened.study.db, 'abcxyz').map((r) => r.name)).toEqual(['test_generator']);
    expect(listRecords(opened.study.db, 'no such thing')).toEqual([]);
  });

  it('counts live annotations only', () => {
    const id = listRecords(opened.study.db, '100')[0]?.id;
    const add = opened.study.db.prepare(
      `INSERT INTO annotations (record_id, sample, symbol, author, source, created_at, updated_at, deleted_at)
       VALUES (?, ?, 'N', 'mitdb', 'imported', '2026-01-01', '2026-01-01', ?)`,
    );
    add.run(id, 77, null);
    add.run(id, 370, null);
    add.run(id, 662, '2026-01-02');
    expect(listRecords(opened.study.db, '100')[0]?.annotationCount).toBe(2);
  });

  it('shares one patient row between records of the same patient', () => {
    insertRecord(opened.study.db, { ...(sampleRecords[0] as (typeof sampleRecords)[number]), name: '100-copy' });
    const patients = opened.study.db
      .prepare("SELECT count(*) FROM patients WHERE external_id = 'mitdb-100'")
      .pluck()
      .get();
    expect(patients).toBe(1);
  });

  it('inserts nothing when a channel is invalid (one transaction)', () => {
    const bad = {
      ...(sampleRecords[0] as (typeof sampleRecords)[number]),
      name: 'broken',
      channels: [
        { name: 'x', units: 'mV', gain: 200, baseline: 0, adcResolution: 12, samplingRateHz: 0, sampleCount: 1 },
      ],
    };
    expect(() => insertRecord(opened.study.db, bad)).toThrow(/CHECK constraint failed/);
    expect(countRecords(opened.study.db)).toBe(sampleRecords.length);
  });
});
