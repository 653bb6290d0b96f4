import type { Mimic3CohortStay } from './cohort';
import { LABS, type LabDefinition, type LabName } from './items';
import { inWindow, StayMeasurements } from './measurements';
import { streamTable, type TableReadControl } from './table-stream';

const LAB_BY_ITEM = new Map<number, LabDefinition>(
  LABS.flatMap((lab) => lab.itemIds.map((itemId) => [itemId, lab] as const)),
);

/**
 * The labs query, as one streaming pass over LABEVENTS. LABEVENTS has no ICUSTAY_ID, so a row
 * joins every given stay of its admission (same SUBJECT_ID and HADM_ID) whose 48-hour window
 * holds its CHARTTIME. VALUENUM must be present and positive; a value above the lab's cap is
 * kept as a NULL measurement, as the original CASE expression does.
 */
export async function readLabEvents(
  file: string,
  stays: readonly Mimic3CohortStay[],
  control: TableReadControl = {},
): Promise<StayMeasurements<LabName>> {
  const byAdmission = new Map<number, Mimic3CohortStay[]>();
  for (const stay of stays) byAdmission.set(stay.hadmId, [...(byAdmission.get(stay.hadmId) ?? []), stay]);
  const labs = new StayMeasurements<LabName>();
  await streamTable(
    file,
    ['SUBJECT_ID', 'HADM_ID', 'ITEMID', 'CHARTTIME', 'VALUENUM'],
    (row) => {
      const lab = LAB_BY_ITEM.get(row.integer('ITEMID'));
      if (lab === undefined) return;
      labs.rowsInItems += 1;
      const candidates = byAdmission.get(row.integerOrNull('HADM_ID') ?? -1);
      if (candidates === undefined) return;
      const value = row.decimalOrNull('VALUENUM');
      if (value === null || value <= 0) return;
      const subjectId = row.integerOrNull('SUBJECT_ID');
      const time = row.time('CHARTTIME');
      for (const stay of candidates) {
        if (stay.subjectId !== subjectId || !inWindow(stay, time)) continue;
        labs.add(stay.icustayId, lab.name, time, value > lab.nullAbove ? null : value);
      }
    },
    control,
  );
  return labs;
}
