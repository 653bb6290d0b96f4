import type Database from 'better-sqlite3';
import { listModels } from '../models';
import type { RecordFacets } from './contract';

/**
 * Every record's annotation labels and predicted classes, in two grouped queries (one pass over
 * each table), so that the study browser can filter thousands of records without asking again.
 */
export function recordFacets(db: Database.Database): RecordFacets[] {
  const byRecord = new Map<number, RecordFacets>();
  const facetsOf = (recordId: number): RecordFacets => {
    let found = byRecord.get(recordId);
    if (found === undefined) byRecord.set(recordId, (found = { recordId, labels: [], predicted: [] }));
    return found;
  };
  for (const { id } of db.prepare<[], { id: number }>('SELECT id FROM records ORDER BY id').all()) facetsOf(id);

  // A rhythm change is known by its rhythm, as the record view's finder names it ("+(AFIB").
  const labels = db
    .prepare<[], { recordId: number; label: string }>(
      `SELECT DISTINCT record_id AS recordId,
              CASE WHEN symbol = '+' AND coalesce(aux, '') <> '' THEN '+' || aux ELSE symbol END AS label
       FROM annotations WHERE deleted_at IS NULL ORDER BY record_id, label`,
    )
    .all();
  for (const { recordId, label } of labels) facetsOf(recordId).labels.push(label);

  const classNames = new Map(listModels(db).map(({ id, card }) => [id, card.classNames]));
  const predicted = db
    .prepare<[], { recordId: number; modelId: string; label: number }>(
      `SELECT DISTINCT record_id AS recordId, model_id AS modelId, label FROM model_predictions
       WHERE label IS NOT NULL ORDER BY record_id, model_id, label`,
    )
    .all();
  for (const { recordId, modelId, label } of predicted) {
    const facets = facetsOf(recordId);
    let model = facets.predicted.find((p) => p.modelId === modelId);
    if (model === undefined) facets.predicted.push((model = { modelId, classes: [] }));
    model.classes.push(classNames.get(modelId)?.[label] ?? String(label));
  }
  return [...byRecord.values()];
}
