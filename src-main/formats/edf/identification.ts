import { formatEdfPlusDate, parseEdfPlusDate } from './edf-dates';

/**
 * The EDF+ patient and recording identification subfields. Subfields are separated by spaces,
 * a space inside one is written `_`, and `X` means unknown (here: null).
 */
export interface EdfPatient {
  code: string | null;
  sex: 'M' | 'F' | null;
  /** ISO date `yyyy-mm-dd`. */
  birthdate: string | null;
  name: string | null;
  /** Subfields after the name, as written. */
  additional: string;
}

export interface EdfRecording {
  /** ISO date `yyyy-mm-dd` of the `Startdate` subfield. */
  startdate: string | null;
  adminCode: string | null;
  technician: string | null;
  equipment: string | null;
  additional: string;
}

/** Lenient: a field that does not follow EDF+ still gives what it can and never throws. */
export function parsePatientField(raw: string): EdfPatient {
  const [code, sex, birthdate, name, ...rest] = raw.trim().split(/ +/);
  return {
    code: subfield(code),
    sex: sex === 'M' || sex === 'F' ? sex : null,
    birthdate: parseEdfPlusDate(birthdate ?? ''),
    name: subfield(name),
    additional: rest.join(' '),
  };
}

export function parseRecordingField(raw: string): EdfRecording {
  const [marker, startdate, adminCode, technician, equipment, ...rest] = raw.trim().split(/ +/);
  if (marker !== 'Startdate') {
    return { startdate: null, adminCode: null, technician: null, equipment: null, additional: raw.trim() };
  }
  return {
    startdate: parseEdfPlusDate(startdate ?? ''),
    adminCode: subfield(adminCode),
    technician: subfield(technician),
    equipment: subfield(equipment),
    additional: rest.join(' '),
  };
}

export function formatPatientField(patient: Partial<EdfPatient>): string {
  const birthdate = patient.birthdate == null ? null : formatIsoDate(patient.birthdate);
  const subfields = [patient.code, patient.sex, birthdate, patient.name].map(asSubfield);
  return [...subfields, asciiText(patient.additional ?? '')].join(' ').trim();
}

export function formatRecordingField(startdate: string | null, recording: Partial<EdfRecording>): string {
  const date = startdate === null ? null : formatIsoDate(startdate);
  const subfields = [date, recording.adminCode, recording.technician, recording.equipment].map(asSubfield);
  return ['Startdate', ...subfields, asciiText(recording.additional ?? '')].join(' ').trim();
}

/** Printable ASCII for an EDF header: diacritics dropped (`ü` → `u`), anything else unprintable → `_`. */
export function asciiText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_');
}

function subfield(value: string | undefined): string | null {
  return value === undefined || value === '' || value === 'X' ? null : value.replace(/_/g, ' ');
}

function asSubfield(value: string | null | undefined): string {
  const text = asciiText(value ?? '').trim();
  return text === '' ? 'X' : text.replace(/ +/g, '_');
}

function formatIsoDate(iso: string): string | null {
  const match = /^(\d{4})-(\d\d)-(\d\d)/.exec(iso);
  return match === null ? null : formatEdfPlusDate(Number(match[1]), Number(match[2]), Number(match[3]));
}
