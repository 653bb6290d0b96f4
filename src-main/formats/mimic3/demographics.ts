import { DAY_MS } from './cells';

export type EthnicityGroup = 'white' | 'black' | 'hispanic' | 'asian' | 'other';

/** The published encoding: white 1, black 2, hispanic 3, asian 4, other 5. */
export const ETHNICITY_CODES: Readonly<Record<EthnicityGroup, number>> = {
  white: 1,
  black: 2,
  hispanic: 3,
  asian: 4,
  other: 5,
};

/**
 * ADMISSIONS.ETHNICITY lower-cased and grouped by its start, as the original pandas code does
 * (`^white`, `^black`, `^hisp`/`^latin`, `^asia`). Everything else, NULL included, is "other"
 * (the original would crash on a text that contains "asian" without starting with it).
 */
export function ethnicityGroup(ethnicity: string | null): EthnicityGroup {
  const text = (ethnicity ?? '').toLowerCase();
  if (text.startsWith('white')) return 'white';
  if (text.startsWith('black')) return 'black';
  if (text.startsWith('hisp') || text.startsWith('latin')) return 'hispanic';
  if (text.startsWith('asia')) return 'asian';
  return 'other';
}

/**
 * (date(ADMITTIME) − date(DOB)) / 365, rounded to 4 decimals. Patients over 89 have their DOB
 * shifted about 300 years back, which the cohort's `age < 300` filter removes.
 */
export function ageInYears(dob: number, admitTime: number): number {
  const days = Math.floor(admitTime / DAY_MS) - Math.floor(dob / DAY_MS);
  return Math.round((days / 365) * 10_000) / 10_000;
}
