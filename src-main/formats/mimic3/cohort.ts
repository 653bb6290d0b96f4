import { HOUR_MS } from './cells';
import { ageInYears, ETHNICITY_CODES, ethnicityGroup, type EthnicityGroup } from './demographics';
import { findMimic3Tables, requireTable, type Mimic3TableFiles } from './table-files';
import { streamTable, type TableReadControl } from './table-stream';

/** One ICU stay that passes the cohort filters, with the columns the dataset derives from it. */
export interface Mimic3CohortStay {
  subjectId: number;
  hadmId: number;
  icustayId: number;
  gender: string | null;
  /** Epoch milliseconds, MIMIC's shifted wall clock read as UTC. */
  dob: number;
  admitTime: number;
  inTime: number;
  outTime: number;
  deathTime: number | null;
  /** (date(ADMITTIME) − date(DOB)) / 365, rounded to 4 decimals. */
  ageYears: number;
  ethnicity: string | null;
  ethnicityGroup: EthnicityGroup;
  ethnicityCode: number;
  firstCareUnit: string | null;
  dbSource: string | null;
  /** Whole hours from INTIME to OUTTIME. */
  losIcuHours: number;
  /** The earliest ICU stay of its hospital admission. */
  firstIcuStay: boolean;
  /** The earliest admission of its patient (among admissions with chart data). */
  firstHospStay: boolean;
  /** The label: DEATHTIME within [INTIME, OUTTIME]. */
  mortIcu: 0 | 1;
  /** DEATHTIME within 168 h of INTIME (computed, not the label). */
  mortWeek: 0 | 1;
}

export const MIN_ICU_HOURS = 48;
const MAX_AGE_YEARS = 300;
const PAEDIATRIC_UNITS = new Set(['PICU', 'NICU']);

interface Patient {
  gender: string | null;
  dob: number;
}

interface Admission {
  subjectId: number;
  admitTime: number;
  deathTime: number | null;
  ethnicity: string | null;
}

interface IcuStay {
  subjectId: number;
  hadmId: number;
  icustayId: number;
  dbSource: string | null;
  firstCareUnit: string | null;
  inTime: number;
  outTime: number | null;
}

/**
 * The cohort of formats.md §4.2: ICUSTAYS ⨝ ADMISSIONS ⨝ PATIENTS with HAS_CHARTEVENTS_DATA = 1,
 * age < 300, at least 48 whole hours in the ICU, and not a paediatric or neonatal unit; ordered
 * by SUBJECT_ID, ADMITTIME, INTIME. Every qualifying stay counts, not only a patient's first.
 */
export async function selectMimic3Cohort(
  tablesDir: string,
  control: TableReadControl = {},
): Promise<Mimic3CohortStay[]> {
  return selectCohortFromFiles(findMimic3Tables(tablesDir), tablesDir, control);
}

export async function selectCohortFromFiles(
  files: Mimic3TableFiles,
  tablesDir: string,
  control: TableReadControl,
): Promise<Mimic3CohortStay[]> {
  const patients = await readPatients(requireTable(files, 'PATIENTS', tablesDir), control);
  const admissions = await readAdmissions(requireTable(files, 'ADMISSIONS', tablesDir), control);
  const icuStays = await readIcuStays(requireTable(files, 'ICUSTAYS', tablesDir), control);

  const joined = icuStays.flatMap((stay) => {
    const admission = admissions.get(stay.hadmId);
    const patient = patients.get(stay.subjectId);
    return admission === undefined || patient === undefined ? [] : [{ stay, admission, patient }];
  });
  // The SQL's DENSE_RANK windows run over the joined rows, before the LOS/age/unit filters.
  const firstInTime = earliestBy(
    joined,
    (j) => j.stay.hadmId,
    (j) => j.stay.inTime,
  );
  const firstAdmitTime = earliestBy(
    joined,
    (j) => j.admission.subjectId,
    (j) => j.admission.admitTime,
  );

  const cohort: Mimic3CohortStay[] = [];
  for (const { stay, admission, patient } of joined) {
    if (stay.outTime === null) continue;
    const losIcuHours = Math.floor((stay.outTime - stay.inTime) / HOUR_MS);
    const ageYears = ageInYears(patient.dob, admission.admitTime);
    if (losIcuHours < MIN_ICU_HOURS || !(ageYears < MAX_AGE_YEARS)) continue;
    if (stay.firstCareUnit !== null && PAEDIATRIC_UNITS.has(stay.firstCareUnit)) continue;
    const death = admission.deathTime;
    const group = ethnicityGroup(admission.ethnicity);
    cohort.push({
      subjectId: stay.subjectId,
      hadmId: stay.hadmId,
      icustayId: stay.icustayId,
      gender: patient.gender,
      dob: patient.dob,
      admitTime: admission.admitTime,
      inTime: stay.inTime,
      outTime: stay.outTime,
      deathTime: death,
      ageYears,
      ethnicity: admission.ethnicity,
      ethnicityGroup: group,
      ethnicityCode: ETHNICITY_CODES[group],
      firstCareUnit: stay.firstCareUnit,
      dbSource: stay.dbSource,
      losIcuHours,
      firstIcuStay: firstInTime.get(stay.hadmId) === stay.inTime,
      firstHospStay: firstAdmitTime.get(admission.subjectId) === admission.admitTime,
      mortIcu: death !== null && death >= stay.inTime && death <= stay.outTime ? 1 : 0,
      mortWeek: death !== null && death >= stay.inTime && death <= stay.inTime + 168 * HOUR_MS ? 1 : 0,
    });
  }
  return cohort.sort(
    (a, b) =>
      a.subjectId - b.subjectId || a.admitTime - b.admitTime || a.inTime - b.inTime || a.icustayId - b.icustayId,
  );
}

function earliestBy<T>(items: readonly T[], key: (item: T) => number, time: (item: T) => number): Map<number, number> {
  const earliest = new Map<number, number>();
  for (const item of items) {
    const k = key(item);
    const t = time(item);
    const current = earliest.get(k);
    if (current === undefined || t < current) earliest.set(k, t);
  }
  return earliest;
}

async function readPatients(file: string, control: TableReadControl): Promise<Map<number, Patient>> {
  const patients = new Map<number, Patient>();
  await streamTable(
    file,
    ['SUBJECT_ID', 'GENDER', 'DOB'],
    (row) => patients.set(row.integer('SUBJECT_ID'), { gender: row.text('GENDER'), dob: row.time('DOB') }),
    control,
  );
  return patients;
}

/** Only admissions with chart data: the rest can never join. */
async function readAdmissions(file: string, control: TableReadControl): Promise<Map<number, Admission>> {
  const admissions = new Map<number, Admission>();
  await streamTable(
    file,
    ['SUBJECT_ID', 'HADM_ID', 'ADMITTIME', 'DEATHTIME', 'ETHNICITY', 'HAS_CHARTEVENTS_DATA'],
    (row) => {
      if (row.integerOrNull('HAS_CHARTEVENTS_DATA') !== 1) return;
      admissions.set(row.integer('HADM_ID'), {
        subjectId: row.integer('SUBJECT_ID'),
        admitTime: row.time('ADMITTIME'),
        deathTime: row.timeOrNull('DEATHTIME'),
        ethnicity: row.text('ETHNICITY'),
      });
    },
    control,
  );
  return admissions;
}

async function readIcuStays(file: string, control: TableReadControl): Promise<IcuStay[]> {
  const stays: IcuStay[] = [];
  await streamTable(
    file,
    ['SUBJECT_ID', 'HADM_ID', 'ICUSTAY_ID', 'DBSOURCE', 'FIRST_CAREUNIT', 'INTIME', 'OUTTIME'],
    (row) =>
      stays.push({
        subjectId: row.integer('SUBJECT_ID'),
        hadmId: row.integer('HADM_ID'),
        icustayId: row.integer('ICUSTAY_ID'),
        dbSource: row.text('DBSOURCE'),
        firstCareUnit: row.text('FIRST_CAREUNIT'),
        inTime: row.time('INTIME'),
        outTime: row.timeOrNull('OUTTIME'),
      }),
    control,
  );
  return stays;
}
