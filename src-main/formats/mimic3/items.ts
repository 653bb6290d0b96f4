/**
 * The CHARTEVENTS and LABEVENTS items of the FIT → Dynamask → time_interpret 48-hour mortality
 * dataset (formats.md §4.2): which ITEMIDs feed which variable, the plausibility filters and
 * caps of the original SQL, and the units the values end up in.
 */

export type VitalName = 'HeartRate' | 'SysBP' | 'DiasBP' | 'MeanBP' | 'RespRate' | 'SpO2' | 'Glucose' | 'Temp';

export interface VitalItemRule {
  itemIds: readonly number[];
  /** The SQL's plausibility window on VALUENUM, in the item's own units. */
  accepts: (value: number) => boolean;
  /** Into the variable's units; identity when absent. */
  convert?: (value: number) => number;
}

export interface VitalDefinition {
  name: VitalName;
  units: string;
  description: string;
  rules: readonly VitalItemRule[];
}

const fahrenheitToCelsius = (value: number): number => (value - 32) / 1.8;

/** In the dataset's vital order (features 19–26). */
export const VITALS: readonly VitalDefinition[] = [
  {
    name: 'HeartRate',
    units: 'bpm',
    description: 'heart rate',
    rules: [{ itemIds: [211, 220045], accepts: (v) => v > 0 && v < 300 }],
  },
  {
    name: 'SysBP',
    units: 'mmHg',
    description: 'systolic blood pressure (arterial, manual or non-invasive)',
    rules: [{ itemIds: [51, 442, 455, 6701, 220179, 220050], accepts: (v) => v > 0 && v < 400 }],
  },
  {
    name: 'DiasBP',
    units: 'mmHg',
    description: 'diastolic blood pressure (arterial, manual or non-invasive)',
    rules: [{ itemIds: [8368, 8440, 8441, 8555, 220180, 220051], accepts: (v) => v > 0 && v < 300 }],
  },
  {
    name: 'MeanBP',
    units: 'mmHg',
    description: 'mean arterial pressure (arterial, manual or non-invasive)',
    rules: [{ itemIds: [456, 52, 6702, 443, 220052, 220181, 225312], accepts: (v) => v > 0 && v < 300 }],
  },
  {
    name: 'RespRate',
    units: 'insp/min',
    description: 'respiratory rate',
    rules: [{ itemIds: [615, 618, 220210, 224690], accepts: (v) => v > 0 && v < 70 }],
  },
  {
    name: 'SpO2',
    units: '%',
    description: 'peripheral oxygen saturation',
    rules: [{ itemIds: [646, 220277], accepts: (v) => v > 0 && v <= 100 }],
  },
  {
    name: 'Glucose',
    units: 'mg/dL',
    description: 'glucose charted at the bedside (fingerstick, serum or whole blood)',
    rules: [{ itemIds: [807, 811, 1529, 3745, 3744, 225664, 220621, 226537], accepts: (v) => v > 0 }],
  },
  {
    name: 'Temp',
    units: '°C',
    description: 'body temperature; Fahrenheit items converted with (v − 32) / 1.8',
    rules: [
      { itemIds: [223761, 678], accepts: (v) => v > 70 && v < 120, convert: fahrenheitToCelsius },
      { itemIds: [223762, 676], accepts: (v) => v > 10 && v < 50 },
    ],
  },
];

export type LabName =
  | 'ANION GAP'
  | 'ALBUMIN'
  | 'BICARBONATE'
  | 'BILIRUBIN'
  | 'CREATININE'
  | 'CHLORIDE'
  | 'GLUCOSE'
  | 'HEMATOCRIT'
  | 'HEMOGLOBIN'
  | 'LACTATE'
  | 'MAGNESIUM'
  | 'PHOSPHATE'
  | 'PLATELET'
  | 'POTASSIUM'
  | 'PTT'
  | 'INR'
  | 'PT'
  | 'SODIUM'
  | 'BUN'
  | 'WBC';

export interface LabDefinition {
  name: LabName;
  itemIds: readonly number[];
  /** A VALUENUM above this becomes NULL (the row still counts as a measurement of the lab). */
  nullAbove: number;
  units: string;
  description: string;
}

/** In the order of the original query's label list. */
export const LABS: readonly LabDefinition[] = [
  { name: 'ANION GAP', itemIds: [50868], nullAbove: 10000, units: 'mEq/L', description: 'anion gap' },
  { name: 'ALBUMIN', itemIds: [50862], nullAbove: 10, units: 'g/dL', description: 'albumin' },
  { name: 'BICARBONATE', itemIds: [50882], nullAbove: 10000, units: 'mEq/L', description: 'bicarbonate' },
  { name: 'BILIRUBIN', itemIds: [50885], nullAbove: 150, units: 'mg/dL', description: 'total bilirubin' },
  { name: 'CREATININE', itemIds: [50912], nullAbove: 150, units: 'mg/dL', description: 'creatinine' },
  { name: 'CHLORIDE', itemIds: [50806, 50902], nullAbove: 10000, units: 'mEq/L', description: 'chloride' },
  { name: 'GLUCOSE', itemIds: [50809, 50931], nullAbove: 10000, units: 'mg/dL', description: 'glucose (laboratory)' },
  { name: 'HEMATOCRIT', itemIds: [50810, 51221], nullAbove: 100, units: '%', description: 'hematocrit' },
  { name: 'HEMOGLOBIN', itemIds: [50811, 51222], nullAbove: 50, units: 'g/dL', description: 'hemoglobin' },
  { name: 'LACTATE', itemIds: [50813], nullAbove: 50, units: 'mmol/L', description: 'lactate' },
  { name: 'MAGNESIUM', itemIds: [50960], nullAbove: 60, units: 'mg/dL', description: 'magnesium' },
  { name: 'PHOSPHATE', itemIds: [50970], nullAbove: 60, units: 'mg/dL', description: 'phosphate' },
  { name: 'PLATELET', itemIds: [51265], nullAbove: 10000, units: 'K/uL', description: 'platelet count' },
  { name: 'POTASSIUM', itemIds: [50822, 50971], nullAbove: 30, units: 'mEq/L', description: 'potassium' },
  { name: 'PTT', itemIds: [51275], nullAbove: 150, units: 'sec', description: 'partial thromboplastin time' },
  { name: 'INR', itemIds: [51237], nullAbove: 50, units: '', description: 'international normalised ratio' },
  { name: 'PT', itemIds: [51274], nullAbove: 150, units: 'sec', description: 'prothrombin time' },
  { name: 'SODIUM', itemIds: [50824, 50983], nullAbove: 200, units: 'mEq/L', description: 'sodium' },
  { name: 'BUN', itemIds: [51006], nullAbove: 300, units: 'mg/dL', description: 'blood urea nitrogen' },
  { name: 'WBC', itemIds: [51300, 51301], nullAbove: 1000, units: 'K/uL', description: 'white blood cell count' },
];

export const VITAL_ITEM_IDS: readonly number[] = VITALS.flatMap((v) => v.rules.flatMap((r) => r.itemIds));
export const LAB_ITEM_IDS: readonly number[] = LABS.flatMap((l) => l.itemIds);
