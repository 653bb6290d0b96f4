import type { Migration } from './migration';

/** Patients, records, their channels and annotations: what the study browser lists. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE patients (
      id INTEGER PRIMARY KEY,
      external_id TEXT NOT NULL UNIQUE,
      sex TEXT,
      birth_date TEXT,
      notes TEXT
    );

    CREATE TABLE records (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('wfdb', 'edf', 'bdf', 'csv', 'mimic3', 'synthetic')),
      patient_id INTEGER REFERENCES patients(id),
      start_time TEXT,
      frame_rate_hz REAL NOT NULL CHECK (frame_rate_hz > 0),
      sample_count INTEGER NOT NULL CHECK (sample_count >= 0),
      source_path TEXT,
      imported_at TEXT NOT NULL,
      UNIQUE (source, name)
    );

    CREATE TABLE channels (
      id INTEGER PRIMARY KEY,
      record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL CHECK (idx >= 0),
      name TEXT NOT NULL,
      units TEXT NOT NULL,
      gain REAL NOT NULL,
      baseline REAL NOT NULL,
      adc_resolution INTEGER,
      sampling_rate_hz REAL NOT NULL CHECK (sampling_rate_hz > 0),
      sample_count INTEGER NOT NULL CHECK (sample_count >= 0),
      UNIQUE (record_id, idx)
    );

    CREATE TABLE annotations (
      id INTEGER PRIMARY KEY,
      record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
      sample INTEGER NOT NULL,
      end_sample INTEGER,
      channel INTEGER,
      label_code INTEGER,
      symbol TEXT NOT NULL,
      subtype INTEGER NOT NULL DEFAULT 0,
      aux TEXT,
      author TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('imported', 'analyst', 'explainer')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX annotations_by_record ON annotations (record_id, sample);
  `,
};
