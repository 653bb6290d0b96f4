import type { Migration } from './migration';

/**
 * The labels a study defines beside the MIT codes (e.g. "noise burst", "lead swap"), offered in
 * the annotation label list of every record of the study.
 */
export const annotationLabels: Migration = {
  version: 6,
  name: 'annotation-labels',
  sql: `
    CREATE TABLE annotation_labels (
      id INTEGER PRIMARY KEY,
      label TEXT NOT NULL UNIQUE CHECK (length(label) BETWEEN 1 AND 40),
      description TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
  `,
};
