import type { ExportContent } from './export-content';

/**
 * The aux texts that are standard codes, not free text: the WFDB rhythm labels of a rhythm change
 * (`+`) annotation, as PhysioNet's annotation table lists them. De-identification keeps these.
 */
export const STANDARD_AUX_CODES: ReadonlySet<string> = new Set([
  '(AB', '(AFIB', '(AFL', '(B', '(BII', '(IVR', '(N', '(NOD', '(P', '(PREX', '(SBR', '(SVTA', '(T', '(VFL', '(VT',
]); // prettier-ignore

/**
 * De-identifies an export (the default; `--identified` skips it). It removes:
 * - the record's info strings: the WFDB header's comment lines and the EDF/BDF patient and
 *   recording fields. They are free text that holds patient names, birth dates, ages, sex,
 *   medication, admin codes and technicians, so all of them go, not only the ones that look like names;
 * - every annotation's aux/note text, except the standard codes in STANDARD_AUX_CODES.
 *
 * It keeps the record's id and name, the patient id (the study's key for a patient, as imported),
 * the start time (MIMIC's shifted dates as they are), the channels and signals, and each
 * annotation's sample, end, channel, code, label, subtype, author, source and times. Exports never
 * write the study's patients table (sex, birth date, notes) or the record's source path.
 */
export function deidentify(content: ExportContent): ExportContent {
  return {
    record: { ...content.record, info: [] },
    annotations: content.annotations.map((a) => ({
      ...a,
      aux: a.aux !== null && STANDARD_AUX_CODES.has(a.aux) ? a.aux : null,
    })),
    deidentified: true,
  };
}
