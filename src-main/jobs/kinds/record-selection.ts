import { AppError } from '../../errors';
import { listRecords, type Study } from '../../store';
import type { CohortItem } from '../cohort';
import type { RecordFilter } from '../job-schema';

/** The records a cohort job covers, as items keyed by record id. */
export function selectRecords(study: Study, filter: RecordFilter): CohortItem[] {
  const records = listRecords(study.db, filter.search).filter(
    (r) => (filter.ids === undefined || filter.ids.includes(r.id)) && (filter.source ?? r.source) === r.source,
  );
  if (records.length === 0) {
    throw new AppError('invalid-request', `no record of ${study.path} matches ${JSON.stringify(filter)}`);
  }
  return records.map((r) => ({ key: String(r.id), label: `record ${r.name}` }));
}
