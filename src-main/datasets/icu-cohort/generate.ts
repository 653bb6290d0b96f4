import { mkdirSync } from 'node:fs';
import { AppError } from '../../errors';
import { HOUR_MS, type Mimic3TableName } from '../../formats/mimic3';
import { chartStay } from './charting';
import { CHART_ITEMS, chartItemsOf, LAB_ITEMS } from './item-catalogue';
import { drawAdmissionLabs } from './lab-draws';
import { Random } from './prng';
import { at, TableWriter } from './table-writer';
import { Identifiers, planPatient, type PlannedAdmission, type PlannedPatient, type PlannedStay } from './timeline';

export interface IcuCohortOptions {
  seed: number;
  /** ICU stays to write (all lengths; the 48-hour pipeline keeps those of ≥ 48 h). */
  stays: number;
  /** Folder to write the tables into (created if missing; existing tables are overwritten). */
  outDir: string;
  /** Write `.csv.gz` instead of `.csv`. Default false. */
  gzip?: boolean;
}

export interface IcuCohortSummary {
  outDir: string;
  files: Readonly<Record<Mimic3TableName, string>>;
  patients: number;
  admissions: number;
  icuStays: number;
  /** Stays whose patient died in the ICU (the pipeline's mort_icu before its filters). */
  icuDeaths: number;
  rows: Readonly<Record<Mimic3TableName, number>>;
}

type Writers = { [T in Mimic3TableName]: TableWriter<T> };

/**
 * Writes a synthetic, MIMIC-III-shaped ICU cohort: PATIENTS, ADMISSIONS, ICUSTAYS, CHARTEVENTS,
 * LABEVENTS, D_ITEMS and D_LABITEMS with the v1.4 columns and the ITEMIDs of the 48-hour
 * mortality pipeline. Each stay follows a latent deterioration course; dying in the ICU is
 * more likely with high admission severity, worsening over the first days, and age, and the
 * vitals and labs move with the course. The same seed writes the same bytes.
 */
export async function generateIcuCohort(options: IcuCohortOptions): Promise<IcuCohortSummary> {
  if (!Number.isInteger(options.stays) || options.stays < 1) {
    throw new AppError('invalid-request', `stays must be a positive integer, got ${options.stays}`);
  }
  mkdirSync(options.outDir, { recursive: true });
  const gzip = options.gzip ?? false;
  const writers: Writers = {
    PATIENTS: new TableWriter(options.outDir, 'PATIENTS', gzip),
    ADMISSIONS: new TableWriter(options.outDir, 'ADMISSIONS', gzip),
    ICUSTAYS: new TableWriter(options.outDir, 'ICUSTAYS', gzip),
    CHARTEVENTS: new TableWriter(options.outDir, 'CHARTEVENTS', gzip),
    LABEVENTS: new TableWriter(options.outDir, 'LABEVENTS', gzip),
    D_ITEMS: new TableWriter(options.outDir, 'D_ITEMS', gzip),
    D_LABITEMS: new TableWriter(options.outDir, 'D_LABITEMS', gzip),
  };
  const random = new Random(options.seed);
  const ids = new Identifiers();
  let patients = 0;
  let admissions = 0;
  let icuStays = 0;
  let icuDeaths = 0;
  try {
    while (icuStays < options.stays) {
      const patient = planPatient(random, ids, options.stays - icuStays);
      patients += 1;
      writePatient(writers, patient);
      for (const admission of patient.admissions) {
        admissions += 1;
        writeAdmission(writers, patient, admission);
        for (const stay of admission.stays) {
          icuStays += 1;
          if (stay.diedInIcu) icuDeaths += 1;
          writeStay(writers, random, patient, admission, stay);
        }
        for (const lab of drawAdmissionLabs(random, patient.physiology, admission)) {
          writers.LABEVENTS.write({
            ROW_ID: writers.LABEVENTS.rows + 1,
            SUBJECT_ID: patient.subjectId,
            HADM_ID: admission.hadmId,
            ITEMID: lab.item.itemId,
            CHARTTIME: at(lab.time),
            VALUE: lab.value,
            VALUENUM: lab.valueNum,
            VALUEUOM: lab.item.uom,
            FLAG: lab.abnormal ? 'abnormal' : null,
          });
        }
        await Promise.all(Object.values(writers).map((writer) => writer.drain()));
      }
    }
    writeDictionaries(writers);
  } finally {
    await Promise.all(Object.values(writers).map((writer) => writer.close()));
  }
  const tables = Object.entries(writers) as [Mimic3TableName, TableWriter<Mimic3TableName>][];
  return {
    outDir: options.outDir,
    files: Object.fromEntries(tables.map(([table, writer]) => [table, writer.file])) as Record<Mimic3TableName, string>,
    patients,
    admissions,
    icuStays,
    icuDeaths,
    rows: Object.fromEntries(tables.map(([table, writer]) => [table, writer.rows])) as Record<Mimic3TableName, number>,
  };
}

function writePatient(writers: Writers, patient: PlannedPatient): void {
  writers.PATIENTS.write({
    ROW_ID: writers.PATIENTS.rows + 1,
    SUBJECT_ID: patient.subjectId,
    GENDER: patient.gender,
    DOB: at(patient.dob),
    DOD: patient.dod === null ? null : at(patient.dod),
    DOD_HOSP: patient.diedInHospital && patient.dod !== null ? at(patient.dod) : null,
    DOD_SSN: patient.dodSsn === null ? null : at(patient.dodSsn),
    EXPIRE_FLAG: patient.dod === null ? 0 : 1,
  });
}

function writeAdmission(writers: Writers, patient: PlannedPatient, admission: PlannedAdmission): void {
  writers.ADMISSIONS.write({
    ROW_ID: writers.ADMISSIONS.rows + 1,
    SUBJECT_ID: patient.subjectId,
    HADM_ID: admission.hadmId,
    ADMITTIME: at(admission.admitTime),
    DISCHTIME: at(admission.dischargeTime),
    DEATHTIME: admission.deathTime === null ? null : at(admission.deathTime),
    ADMISSION_TYPE: admission.type,
    ADMISSION_LOCATION: admission.location,
    DISCHARGE_LOCATION: admission.dischargeLocation,
    INSURANCE: admission.insurance,
    LANGUAGE: admission.language,
    RELIGION: admission.religion,
    MARITAL_STATUS: admission.maritalStatus,
    ETHNICITY: patient.ethnicity,
    EDREGTIME: admission.edTimes === null ? null : at(admission.edTimes[0]),
    EDOUTTIME: admission.edTimes === null ? null : at(admission.edTimes[1]),
    DIAGNOSIS: admission.diagnosis,
    HOSPITAL_EXPIRE_FLAG: admission.deathTime === null ? 0 : 1,
    HAS_CHARTEVENTS_DATA: 1,
  });
}

function writeStay(
  writers: Writers,
  random: Random,
  patient: PlannedPatient,
  admission: PlannedAdmission,
  stay: PlannedStay,
): void {
  writers.ICUSTAYS.write({
    ROW_ID: writers.ICUSTAYS.rows + 1,
    SUBJECT_ID: patient.subjectId,
    HADM_ID: admission.hadmId,
    ICUSTAY_ID: stay.icustayId,
    DBSOURCE: stay.dbSource,
    FIRST_CAREUNIT: stay.careUnit,
    LAST_CAREUNIT: stay.careUnit,
    FIRST_WARDID: stay.wardId,
    LAST_WARDID: stay.wardId,
    INTIME: at(stay.inTime),
    OUTTIME: at(stay.outTime),
    LOS: Math.round(((stay.outTime - stay.inTime) / (24 * HOUR_MS)) * 10_000) / 10_000,
  });
  const metavision = stay.dbSource === 'metavision';
  const caregiver = random.integer(14_000, 21_000);
  for (const observation of chartStay(random, patient.physiology, stay)) {
    writers.CHARTEVENTS.write({
      ROW_ID: writers.CHARTEVENTS.rows + 1,
      SUBJECT_ID: patient.subjectId,
      HADM_ID: admission.hadmId,
      ICUSTAY_ID: stay.icustayId,
      ITEMID: observation.item.itemId,
      CHARTTIME: at(observation.time),
      STORETIME: at(observation.time + random.integer(1, 30) * 60_000),
      CGID: caregiver,
      VALUE: observation.value,
      VALUENUM: observation.valueNum,
      VALUEUOM: observation.item.uom,
      WARNING: metavision ? 0 : null,
      ERROR: metavision ? (observation.error ? 1 : 0) : null,
      RESULTSTATUS: null,
      STOPPED: metavision ? null : 'NotStopd',
    });
  }
}

function writeDictionaries(writers: Writers): void {
  const chartItems = [...chartItemsOf(CHART_ITEMS.carevue), ...chartItemsOf(CHART_ITEMS.metavision)];
  for (const item of chartItems.sort((a, b) => a.itemId - b.itemId)) {
    writers.D_ITEMS.write({
      ROW_ID: writers.D_ITEMS.rows + 1,
      ITEMID: item.itemId,
      LABEL: item.label,
      ABBREVIATION: item.abbreviation,
      DBSOURCE: item.dbSource,
      LINKSTO: 'chartevents',
      CATEGORY: item.category,
      UNITNAME: item.unitName,
      PARAM_TYPE: item.paramType,
      CONCEPTID: null,
    });
  }
  for (const item of [...LAB_ITEMS].sort((a, b) => a.itemId - b.itemId)) {
    writers.D_LABITEMS.write({
      ROW_ID: writers.D_LABITEMS.rows + 1,
      ITEMID: item.itemId,
      LABEL: item.label,
      FLUID: item.fluid,
      CATEGORY: item.category,
      LOINC_CODE: item.loinc,
    });
  }
}
