import { HOUR_MS } from '../../formats/mimic3';
import type { DbSource } from './item-catalogue';
import { drawCourse, icuDeathProbability, Physiology, type StayCourse } from './physiology';
import type { Random } from './prng';

const DAY_MS = 24 * HOUR_MS;
const YEAR_MS = 365.25 * DAY_MS;

export interface PlannedStay {
  icustayId: number;
  dbSource: DbSource;
  careUnit: string;
  wardId: number;
  inTime: number;
  outTime: number;
  course: StayCourse;
  diedInIcu: boolean;
  arterialLine: boolean;
}

export interface PlannedAdmission {
  hadmId: number;
  admitTime: number;
  dischargeTime: number;
  deathTime: number | null;
  type: string;
  location: string;
  dischargeLocation: string;
  insurance: string;
  language: string | null;
  religion: string;
  maritalStatus: string | null;
  diagnosis: string;
  edTimes: readonly [number, number] | null;
  stays: PlannedStay[];
}

export interface PlannedPatient {
  subjectId: number;
  gender: 'M' | 'F';
  /** Real age at the first admission; over 89 the DOB is shifted back ~300 years, as in MIMIC. */
  ageYears: number;
  dob: number;
  dod: number | null;
  dodSsn: number | null;
  diedInHospital: boolean;
  ethnicity: string;
  physiology: Physiology;
  admissions: PlannedAdmission[];
}

/** Running identifiers, in MIMIC's style of separate number ranges per table. */
export class Identifiers {
  subject = 40_000;
  admission = 150_000;
  icuStay = 250_000;
}

const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['WHITE', 70],
  ['BLACK/AFRICAN AMERICAN', 9],
  ['HISPANIC OR LATINO', 3],
  ['HISPANIC/LATINO - PUERTO RICAN', 2],
  ['ASIAN', 2],
  ['ASIAN - CHINESE', 1],
  ['UNKNOWN/NOT SPECIFIED', 8],
  ['OTHER', 3],
  ['UNABLE TO OBTAIN', 1],
  ['PATIENT DECLINED TO ANSWER', 1],
];

const CARE_UNITS: readonly (readonly [string, number])[] = [
  ['MICU', 40],
  ['SICU', 16],
  ['CCU', 15],
  ['CSRU', 17],
  ['TSICU', 12],
];

const WARDS: Readonly<Record<string, readonly number[]>> = {
  MICU: [7, 50, 52],
  SICU: [33, 57],
  CCU: [7, 57],
  CSRU: [14, 15],
  TSICU: [14, 12],
};

const DIAGNOSES: readonly string[] = [
  'SEPSIS',
  'PNEUMONIA',
  'CONGESTIVE HEART FAILURE',
  'GASTROINTESTINAL BLEED',
  'ACUTE RESPIRATORY FAILURE',
  'ALTERED MENTAL STATUS',
  'CORONARY ARTERY DISEASE\\CORONARY ARTERY BYPASS GRAFT /SDA',
  'S/P FALL',
  'ST ELEVATED MYOCARDIAL INFARCTION',
  'INTRACRANIAL HEMORRHAGE',
  'ACUTE RENAL FAILURE',
  'PANCREATITIS',
];

const RELIGIONS: readonly string[] = [
  'CATHOLIC',
  'PROTESTANT QUAKER',
  'JEWISH',
  'NOT SPECIFIED',
  'UNOBTAINABLE',
  'OTHER',
];
const INSURANCE: readonly (readonly [string, number])[] = [
  ['Medicare', 50],
  ['Private', 32],
  ['Medicaid', 11],
  ['Government', 4],
  ['Self Pay', 3],
];
const MARITAL: readonly (readonly [string | null, number])[] = [
  ['MARRIED', 45],
  ['SINGLE', 25],
  ['WIDOWED', 15],
  ['DIVORCED', 8],
  [null, 7],
];

/** Plans one patient: demographics, one or two admissions, and their ICU stays (at most `staysLeft`). */
export function planPatient(random: Random, ids: Identifiers, staysLeft: number): PlannedPatient {
  ids.subject += 1;
  const gender = random.chance(0.56) ? 'M' : 'F';
  const ageYears = Math.min(98, Math.max(18, random.normal(64, 16)));
  const ethnicity = random.weighted(ETHNICITIES);
  const physiology = new Physiology(random);
  // Shifted dates: each patient lives in its own random stretch of 2100–2200.
  let clock = Date.UTC(2100, 0, 1) + random.uniform(0, 95) * YEAR_MS;
  const firstAdmit = clock;
  const admissions: PlannedAdmission[] = [];
  let remaining = staysLeft;
  let died = false;
  const admissionCount = random.chance(0.12) ? 2 : 1;
  for (let a = 0; a < admissionCount && remaining > 0 && !died; a += 1) {
    const ageNow = ageYears + (clock - firstAdmit) / YEAR_MS;
    const admission = planAdmission(random, ids, clock, ageNow, remaining);
    admissions.push(admission);
    remaining -= admission.stays.length;
    died = admission.deathTime !== null;
    clock = admission.dischargeTime + random.uniform(60, 500) * DAY_MS;
  }
  const inHospitalDeath = admissions.find((a) => a.deathTime !== null)?.deathTime ?? null;
  const lastDischarge = admissions[admissions.length - 1]?.dischargeTime ?? firstAdmit;
  const laterDeath =
    inHospitalDeath === null && random.chance(0.2) ? lastDischarge + random.uniform(10, 700) * DAY_MS : null;
  const death = inHospitalDeath ?? laterDeath;
  const dod = death === null ? null : startOfDay(death);
  const dobYears = ageYears >= 90 ? 300 + random.uniform(0, 1) : ageYears;
  return {
    subjectId: ids.subject,
    gender,
    ageYears,
    dob: startOfDay(firstAdmit - dobYears * YEAR_MS),
    dod,
    dodSsn: dod !== null && (laterDeath !== null || random.chance(0.7)) ? dod : null,
    diedInHospital: inHospitalDeath !== null,
    ethnicity,
    physiology,
    admissions,
  };
}

function planAdmission(
  random: Random,
  ids: Identifiers,
  admitTime: number,
  ageYears: number,
  staysLeft: number,
): PlannedAdmission {
  ids.admission += 1;
  const type = random.weighted([
    ['EMERGENCY', 80],
    ['ELECTIVE', 13],
    ['URGENT', 7],
  ] as const);
  const emergency = type !== 'ELECTIVE';
  const stays: PlannedStay[] = [];
  let inTime = admitTime + (emergency ? random.uniform(1, 10) : random.uniform(3, 30)) * HOUR_MS;
  let deathTime: number | null = null;
  for (;;) {
    const stay = planStay(random, ids, roundToMinute(inTime), ageYears);
    stays.push(stay);
    if (stay.diedInIcu) {
      deathTime = stay.outTime;
      break;
    }
    // A bounce-back to the ICU within the same admission, so first_icu_stay is sometimes 0.
    if (stays.length >= staysLeft || !random.chance(0.08)) break;
    inTime = stay.outTime + random.uniform(20, 120) * HOUR_MS;
  }
  const lastOut = stays[stays.length - 1]?.outTime ?? inTime;
  const lastCourse = stays[stays.length - 1]?.course;
  if (
    deathTime === null &&
    lastCourse !== undefined &&
    random.chance(0.3 * icuDeathProbability(lastCourse, ageYears))
  ) {
    deathTime = roundToMinute(lastOut + random.uniform(24, 300) * HOUR_MS);
  }
  const dischargeTime = deathTime ?? roundToMinute(lastOut + random.uniform(20, 240) * HOUR_MS);
  const edStart = roundToMinute(admitTime - random.uniform(2, 8) * HOUR_MS);
  return {
    hadmId: ids.admission,
    admitTime: roundToMinute(admitTime),
    dischargeTime,
    deathTime,
    type,
    location: emergency ? random.weighted(EMERGENCY_LOCATIONS) : 'PHYS REFERRAL/NORMAL DELI',
    dischargeLocation:
      deathTime !== null
        ? 'DEAD/EXPIRED'
        : random.weighted([
            ['HOME', 35],
            ['HOME HEALTH CARE', 25],
            ['SNF', 22],
            ['REHAB/DISTINCT PART HOSP', 18],
          ] as const),
    insurance: random.weighted(INSURANCE),
    language: random.chance(0.85) ? 'ENGL' : null,
    religion: RELIGIONS[random.integer(0, RELIGIONS.length - 1)] ?? 'NOT SPECIFIED',
    maritalStatus: random.weighted(MARITAL),
    diagnosis: DIAGNOSES[random.integer(0, DIAGNOSES.length - 1)] ?? 'SEPSIS',
    edTimes: emergency ? [edStart, roundToMinute(admitTime + random.uniform(0, 1) * HOUR_MS)] : null,
    stays,
  };
}

const EMERGENCY_LOCATIONS: readonly (readonly [string, number])[] = [
  ['EMERGENCY ROOM ADMIT', 70],
  ['TRANSFER FROM HOSP/EXTRAM', 20],
  ['CLINIC REFERRAL/PREMATURE', 10],
];

function planStay(random: Random, ids: Identifiers, inTime: number, ageYears: number): PlannedStay {
  ids.icuStay += 1;
  const careUnit = random.weighted(CARE_UNITS);
  const wards = WARDS[careUnit] ?? [50];
  // The course is drawn over a generous horizon first; the outcome then fixes the length of stay.
  const course = drawCourse(random, 30 * 24);
  const diedInIcu = random.chance(icuDeathProbability(course, ageYears));
  const hours = diedInIcu ? 30 + random.exponential(70) : 24 + random.exponential(60);
  const outTime = roundToMinute(inTime + Math.min(hours, 30 * 24) * HOUR_MS);
  return {
    icustayId: ids.icuStay,
    dbSource: random.chance(0.45) ? 'carevue' : 'metavision',
    careUnit,
    wardId: wards[random.integer(0, wards.length - 1)] ?? 50,
    inTime,
    outTime,
    course: { ...course, hourly: course.hourly.slice(0, Math.ceil((outTime - inTime) / HOUR_MS) + 1) },
    diedInIcu,
    arterialLine: random.chance(careUnit === 'CSRU' ? 0.85 : 0.2 + (course.severity > 0.5 ? 0.3 : 0)),
  };
}

function roundToMinute(time: number): number {
  return Math.round(time / 60_000) * 60_000;
}

function startOfDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}
