import { LABS, VITALS, type LabName, type VitalName } from './items';

/**
 * `as-published` reproduces FIT/Dynamask/time_interpret bit for bit, quirks included, so models
 * trained with those repositories stay comparable. `fixed` (never the default) keeps hemoglobin
 * and lactate apart (32 features), bins [t, t + 1 h) from INTIME, and fills never-binned labs
 * with that lab's own mean.
 */
export type Mimic3Mode = 'as-published' | 'fixed';

export type Mimic3FeatureKind = 'lab' | 'vital' | 'demographic';

export interface Mimic3Feature {
  index: number;
  name: string;
  kind: Mimic3FeatureKind;
  units: string;
  /** CHARTEVENTS or LABEVENTS ITEMIDs that feed it (empty for demographics and the merged slot). */
  itemIds: readonly number[];
  description: string;
}

export interface Mimic3FeatureLayout {
  mode: Mimic3Mode;
  features: readonly Mimic3Feature[];
  /** Labs occupy slots 0 … labCount − 1. */
  labCount: number;
  labSlots: ReadonlyMap<LabName, number>;
  vitalSlots: ReadonlyMap<VitalName, number>;
  demographicSlots: { gender: number; age: number; ethnicity: number; firstIcuStay: number };
}

/** Hourly steps in the 48-hour window. */
export const MIMIC3_STEPS = 48;

/**
 * The original lab list reads `"HEMOGLOBIN" "LACTATE",` — a missing comma, so Python joins the
 * two strings into one label that no query row ever carries. The slot exists (19 lab slots),
 * stays 0 for every stay, and hemoglobin and lactate are queried but never used.
 */
const MERGED_HEMOGLOBIN_LACTATE: Omit<Mimic3Feature, 'index'> = {
  name: 'HEMOGLOBINLACTATE',
  kind: 'lab',
  units: '',
  itemIds: [],
  description:
    'always 0: the published lab list lacks a comma between "HEMOGLOBIN" and "LACTATE", so the two labels ' +
    'fused into one that matches no measurement (kept so the 31-feature layout matches FIT/Dynamask/time_interpret)',
};

const DEMOGRAPHICS: readonly Omit<Mimic3Feature, 'index'>[] = [
  { name: 'gender', kind: 'demographic', units: '', itemIds: [], description: 'PATIENTS.GENDER: M = 1, F = 0' },
  {
    name: 'age',
    kind: 'demographic',
    units: 'years',
    itemIds: [],
    description: 'whole years from date(DOB) to date(ADMITTIME), days / 365 truncated',
  },
  {
    name: 'ethnicity',
    kind: 'demographic',
    units: '',
    itemIds: [],
    description: 'ADMISSIONS.ETHNICITY coded white 1, black 2, hispanic 3, asian 4, other 5',
  },
  {
    name: 'first_icu_stay',
    kind: 'demographic',
    units: '',
    itemIds: [],
    description: '1 if this is the first ICU stay of the hospital admission',
  },
];

export function featureLayout(mode: Mimic3Mode): Mimic3FeatureLayout {
  const labFeatures = LABS.map((lab): Omit<Mimic3Feature, 'index'> => ({
    name: lab.name,
    kind: 'lab',
    units: lab.units,
    itemIds: lab.itemIds,
    description: lab.description,
  }));
  const labs =
    mode === 'fixed'
      ? labFeatures
      : labFeatures.flatMap((lab) =>
          lab.name === 'HEMOGLOBIN' ? [MERGED_HEMOGLOBIN_LACTATE] : lab.name === 'LACTATE' ? [] : [lab],
        );
  const vitals = VITALS.map((vital): Omit<Mimic3Feature, 'index'> => ({
    name: vital.name,
    kind: 'vital',
    units: vital.units,
    itemIds: vital.rules.flatMap((rule) => rule.itemIds),
    description: vital.description,
  }));
  const features = [...labs, ...vitals, ...DEMOGRAPHICS].map((feature, index) => ({ ...feature, index }));
  const slotOf = (name: string): number => features.findIndex((f) => f.name === name);
  return {
    mode,
    features,
    labCount: labs.length,
    labSlots: new Map(LABS.filter((lab) => slotOf(lab.name) !== -1).map((lab) => [lab.name, slotOf(lab.name)])),
    vitalSlots: new Map(VITALS.map((vital) => [vital.name, slotOf(vital.name)])),
    demographicSlots: {
      gender: slotOf('gender'),
      age: slotOf('age'),
      ethnicity: slotOf('ethnicity'),
      firstIcuStay: slotOf('first_icu_stay'),
    },
  };
}

/** The 31 features of the published dataset, in tensor order. */
export const MIMIC3_FEATURES: readonly Mimic3Feature[] = featureLayout('as-published').features;
