import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import type { RecordSummary } from '../api/contract';

export type RecordSource = 'wfdb' | 'edf' | 'bdf' | 'csv' | 'mimic3' | 'synthetic';

export interface NewChannel {
  name: string;
  units: string;
  /** ADC units per physical unit (1 for sources stored in physical units: CSV, MIMIC-III). */
  gain: number;
  /** The digital value of physical zero. */
  baseline: number;
  /** Bits of the ADC, when the format says. */
  adcResolution: number | null;
  samplingRateHz: number;
  sampleCount: number;
}

export interface NewRecord {
  name: string;
  source: RecordSource;
  patientExternalId: string | null;
  startTime: string | null;
  frameRateHz: number;
  sampleCount: number;
  sourcePath: string | null;
  channels: readonly NewChannel[];
  /** Free text from the source file (header comments, EDF recording field). */
  info?: readonly string[];
  /** Problems found while reading that did not stop the import. */
  warnings?: readonly string[];
}

export interface InsertedRecord {
  recordId: number;
  /** Channel ids in channel order. */
  channelIds: number[];
}

/** Adds a record, its patient (if new) and its channels in one transaction. */
export function insertRecord(db: Database.Database, record: NewRecord): InsertedRecord {
  const insert = db.transaction((r: NewRecord): InsertedRecord => {
    const patientId = r.patientExternalId === null ? null : upsertPatient(db, r.patientExternalId);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO records (name, source, patient_id, start_time, frame_rate_hz, sample_count, source_path,
                              imported_at, info, warnings)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.name,
        r.source,
        patientId,
        r.startTime,
        r.frameRateHz,
        r.sampleCount,
        r.sourcePath,
        new Date().toISOString(),
        JSON.stringify(r.info ?? []),
        JSON.stringify(r.warnings ?? []),
      );
    const recordId = Number(lastInsertRowid);
    const addChannel = db.prepare(
      `INSERT INTO channels (record_id, idx, name, units, gain, baseline, adc_resolution, sampling_rate_hz, sample_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const channelIds = r.channels.map((c, idx) => {
      const row = [
        recordId,
        idx,
        c.name,
        c.units,
        c.gain,
        c.baseline,
        c.adcResolution,
        c.samplingRateHz,
        c.sampleCount,
      ];
      return Number(addChannel.run(...row).lastInsertRowid);
    });
    return { recordId, channelIds };
  });
  return insert(record);
}

function upsertPatient(db: Database.Database, externalId: string): number {
  db.prepare('INSERT INTO patients (external_id) VALUES (?) ON CONFLICT (external_id) DO NOTHING').run(externalId);
  const row = db.prepare('SELECT id FROM patients WHERE external_id = ?').get(externalId) as { id: number };
  return row.id;
}

interface RecordRow {
  id: number;
  name: string;
  source: string;
  patient_id: string | null;
  channel_count: number;
  max_rate: number | null;
  frame_rate_hz: number;
  sample_count: number;
  annotation_count: number;
}

const summarySelect = `
  SELECT r.id, r.name, r.source, p.external_id AS patient_id, r.frame_rate_hz, r.sample_count,
         (SELECT count(*) FROM channels c WHERE c.record_id = r.id) AS channel_count,
         (SELECT max(c.sampling_rate_hz) FROM channels c WHERE c.record_id = r.id) AS max_rate,
         (SELECT count(*) FROM annotations a WHERE a.record_id = r.id AND a.deleted_at IS NULL) AS annotation_count
  FROM records r LEFT JOIN patients p ON p.id = r.patient_id`;

/** Records in name order, optionally those whose name, source or patient id contains `search`. */
export function listRecords(db: Database.Database, search?: string): RecordSummary[] {
  const rows = db
    .prepare(
      `${summarySelect}
       WHERE :search IS NULL
          OR instr(lower(r.name), lower(:search)) > 0
          OR instr(lower(r.source), lower(:search)) > 0
          OR instr(lower(coalesce(p.external_id, '')), lower(:search)) > 0
       ORDER BY r.name COLLATE NOCASE, r.id`,
    )
    .all({ search: search === undefined || search === '' ? null : search }) as RecordRow[];
  return rows.map(toSummary);
}

/** One record's summary line, as the study browser shows it. */
export function recordSummary(db: Database.Database, recordId: number): RecordSummary {
  const row = db.prepare(`${summarySelect} WHERE r.id = ?`).get(recordId) as RecordRow | undefined;
  if (row === undefined) throw new AppError('not-found', `no record with id ${recordId} in this study`);
  return toSummary(row);
}

function toSummary(row: RecordRow): RecordSummary {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    patientId: row.patient_id,
    channelCount: row.channel_count,
    samplingRateHz: row.max_rate ?? row.frame_rate_hz,
    sampleCount: row.sample_count,
    durationSec: row.sample_count / row.frame_rate_hz,
    annotationCount: row.annotation_count,
  };
}

export function countRecords(db: Database.Database): number {
  return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
}

export interface ChannelDetail extends NewChannel {
  id: number;
  index: number;
}

export interface RecordDetail {
  id: number;
  name: string;
  source: RecordSource;
  patientId: string | null;
  startTime: string | null;
  frameRateHz: number;
  sampleCount: number;
  sourcePath: string | null;
  info: string[];
  warnings: string[];
  channels: ChannelDetail[];
}

interface RecordDetailRow {
  id: number;
  name: string;
  source: RecordSource;
  patient_id: string | null;
  start_time: string | null;
  frame_rate_hz: number;
  sample_count: number;
  source_path: string | null;
  info: string;
  warnings: string;
}

/** A record by numeric id or by name; a name shared by records of two sources is ambiguous. */
export function findRecord(db: Database.Database, idOrName: string): RecordDetail {
  const rows = db
    .prepare(
      `SELECT r.id, r.name, r.source, p.external_id AS patient_id, r.start_time, r.frame_rate_hz, r.sample_count,
              r.source_path, r.info, r.warnings
       FROM records r LEFT JOIN patients p ON p.id = r.patient_id
       WHERE (r.id = ? AND ? GLOB '[0-9]*') OR r.name = ? ORDER BY r.id`,
    )
    .all(Number(idOrName), idOrName, idOrName) as RecordDetailRow[];
  const byId = rows.find((r) => String(r.id) === idOrName);
  const row = byId ?? (rows.length === 1 ? rows[0] : undefined);
  if (row === undefined) {
    throw new AppError(
      rows.length > 1 ? 'invalid-request' : 'not-found',
      rows.length > 1
        ? `record '${idOrName}' is ambiguous (ids ${rows.map((r) => r.id).join(', ')}); name it by id`
        : `no record '${idOrName}' in this study`,
    );
  }
  const channels = db
    .prepare(
      `SELECT id, idx, name, units, gain, baseline, adc_resolution, sampling_rate_hz, sample_count
       FROM channels WHERE record_id = ? ORDER BY idx`,
    )
    .all(row.id) as {
    id: number;
    idx: number;
    name: string;
    units: string;
    gain: number;
    baseline: number;
    adc_resolution: number | null;
    sampling_rate_hz: number;
    sample_count: number;
  }[];
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    patientId: row.patient_id,
    startTime: row.start_time,
    frameRateHz: row.frame_rate_hz,
    sampleCount: row.sample_count,
    sourcePath: row.source_path,
    info: JSON.parse(row.info) as string[],
    warnings: JSON.parse(row.warnings) as string[],
    channels: channels.map((c) => ({
      id: c.id,
      index: c.idx,
      name: c.name,
      units: c.units,
      gain: c.gain,
      baseline: c.baseline,
      adcResolution: c.adc_resolution,
      samplingRateHz: c.sampling_rate_hz,
      sampleCount: c.sample_count,
    })),
  };
}
