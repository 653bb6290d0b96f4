import type { Mimic3CohortStay } from './cohort';
import { VITALS, type VitalItemRule, type VitalName } from './items';
import { inWindow, StayMeasurements } from './measurements';
import { streamTable, type TableReadControl } from './table-stream';

const RULE_BY_ITEM = new Map<number, { vital: VitalName; rule: VitalItemRule }>(
  VITALS.flatMap((vital) =>
    vital.rules.flatMap((rule) => rule.itemIds.map((itemId) => [itemId, { vital: vital.name, rule }] as const)),
  ),
);

/**
 * The vitals query, as one streaming pass over CHARTEVENTS: rows of the 39 vital ITEMIDs for a
 * cohort stay (same SUBJECT_ID, HADM_ID and ICUSTAY_ID), charted within 48 h of INTIME, ERROR
 * not 1, VALUENUM inside the item's plausibility window; Fahrenheit converted to Celsius.
 * Everything else is dropped as it streams past, so the table never sits in memory.
 */
export async function readVitalEvents(
  file: string,
  stays: readonly Mimic3CohortStay[],
  control: TableReadControl = {},
): Promise<StayMeasurements<VitalName>> {
  const byIcuStay = new Map(stays.map((stay) => [stay.icustayId, stay]));
  const vitals = new StayMeasurements<VitalName>();
  await streamTable(
    file,
    ['SUBJECT_ID', 'HADM_ID', 'ICUSTAY_ID', 'ITEMID', 'CHARTTIME', 'VALUENUM', 'ERROR'],
    (row) => {
      const item = RULE_BY_ITEM.get(row.integer('ITEMID'));
      if (item === undefined) return;
      vitals.rowsInItems += 1;
      const stay = byIcuStay.get(row.integerOrNull('ICUSTAY_ID') ?? -1);
      if (stay === undefined || row.integerOrNull('SUBJECT_ID') !== stay.subjectId) return;
      if (row.integerOrNull('HADM_ID') !== stay.hadmId || row.decimalOrNull('ERROR') === 1) return;
      const value = row.decimalOrNull('VALUENUM');
      if (value === null || !item.rule.accepts(value)) return;
      const time = row.time('CHARTTIME');
      if (!inWindow(stay, time)) return;
      vitals.add(stay.icustayId, item.vital, time, item.rule.convert?.(value) ?? value);
    },
    control,
  );
  return vitals;
}
