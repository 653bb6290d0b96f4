import type { LabName } from '../../formats/mimic3';

/**
 * The CHARTEVENTS and LABEVENTS items the synthetic cohort charts, described as MIMIC-III's
 * D_ITEMS and D_LABITEMS describe them (labels, categories and LOINC codes as in the v1.4
 * dictionaries), so the written dictionaries read like the real ones.
 */
export type DbSource = 'carevue' | 'metavision';

export interface ChartItem {
  itemId: number;
  label: string;
  abbreviation: string | null;
  dbSource: DbSource;
  category: string | null;
  unitName: string | null;
  paramType: 'Numeric' | 'Text' | null;
  /** What CHARTEVENTS.VALUEUOM says for this item. */
  uom: string | null;
}

function carevue(itemId: number, label: string, uom: string | null): ChartItem {
  return {
    itemId,
    label,
    abbreviation: null,
    dbSource: 'carevue',
    category: null,
    unitName: null,
    paramType: null,
    uom,
  };
}

function metavision(
  itemId: number,
  label: string,
  abbreviation: string,
  category: string,
  unitName: string | null,
  paramType: 'Numeric' | 'Text' = 'Numeric',
): ChartItem {
  return { itemId, label, abbreviation, dbSource: 'metavision', category, unitName, paramType, uom: unitName };
}

/** The items one charting system uses for each bedside observation. */
export interface ChartItemSet {
  heartRate: ChartItem;
  arterial: { systolic: ChartItem; diastolic: ChartItem; mean: ChartItem };
  noninvasive: { systolic: ChartItem; diastolic: ChartItem; mean: ChartItem };
  respRate: ChartItem;
  spo2: ChartItem;
  temperatureF: ChartItem;
  temperatureC: ChartItem;
  glucose: readonly ChartItem[];
  rhythm: ChartItem;
  /** CareVue charts the GCS total; MetaVision its three components (text with a number). */
  gcs: { total: ChartItem } | { eye: ChartItem; verbal: ChartItem; motor: ChartItem };
}

const VITALS_CATEGORY = 'Routine Vital Signs';

export const CHART_ITEMS: Readonly<Record<DbSource, ChartItemSet>> = {
  carevue: {
    heartRate: carevue(211, 'Heart Rate', 'BPM'),
    arterial: {
      systolic: carevue(51, 'Arterial BP [Systolic]', 'mmHg'),
      diastolic: carevue(8368, 'Arterial BP [Diastolic]', 'mmHg'),
      mean: carevue(52, 'Arterial BP Mean', 'mmHg'),
    },
    noninvasive: {
      systolic: carevue(455, 'NBP [Systolic]', 'mmHg'),
      diastolic: carevue(8441, 'NBP [Diastolic]', 'mmHg'),
      mean: carevue(456, 'NBP Mean', 'mmHg'),
    },
    respRate: carevue(618, 'Respiratory Rate', 'BPM'),
    spo2: carevue(646, 'SpO2', '%'),
    temperatureF: carevue(678, 'Temperature F', 'Deg. F'),
    temperatureC: carevue(676, 'Temperature C', 'Deg. C'),
    glucose: [carevue(807, 'Fingerstick Glucose', null), carevue(811, 'Glucose (70-105)', null)],
    rhythm: carevue(212, 'Heart Rhythm', null),
    gcs: { total: carevue(198, 'GCS Total', 'points') },
  },
  metavision: {
    heartRate: metavision(220045, 'Heart Rate', 'HR', VITALS_CATEGORY, 'bpm'),
    arterial: {
      systolic: metavision(220050, 'Arterial Blood Pressure systolic', 'ABPs', VITALS_CATEGORY, 'mmHg'),
      diastolic: metavision(220051, 'Arterial Blood Pressure diastolic', 'ABPd', VITALS_CATEGORY, 'mmHg'),
      mean: metavision(220052, 'Arterial Blood Pressure mean', 'ABPm', VITALS_CATEGORY, 'mmHg'),
    },
    noninvasive: {
      systolic: metavision(220179, 'Non Invasive Blood Pressure systolic', 'NBPs', VITALS_CATEGORY, 'mmHg'),
      diastolic: metavision(220180, 'Non Invasive Blood Pressure diastolic', 'NBPd', VITALS_CATEGORY, 'mmHg'),
      mean: metavision(220181, 'Non Invasive Blood Pressure mean', 'NBPm', VITALS_CATEGORY, 'mmHg'),
    },
    respRate: metavision(220210, 'Respiratory Rate', 'RR', 'Respiratory', 'insp/min'),
    spo2: metavision(220277, 'O2 saturation pulseoxymetry', 'SpO2', 'Respiratory', '%'),
    temperatureF: metavision(223761, 'Temperature Fahrenheit', 'Temperature F', VITALS_CATEGORY, '°F'),
    temperatureC: metavision(223762, 'Temperature Celsius', 'Temperature C', VITALS_CATEGORY, '°C'),
    glucose: [
      metavision(225664, 'Glucose finger stick', 'Glucose finger stick', 'Labs', null),
      metavision(220621, 'Glucose (serum)', 'Glucose (serum)', 'Labs', null),
    ],
    rhythm: metavision(220048, 'Heart Rhythm', 'Heart Rhythm', VITALS_CATEGORY, null, 'Text'),
    gcs: {
      eye: metavision(220739, 'GCS - Eye Opening', 'Eye Opening', 'Neurological', null, 'Text'),
      verbal: metavision(223900, 'GCS - Verbal Response', 'Verbal Response', 'Neurological', null, 'Text'),
      motor: metavision(223901, 'GCS - Motor Response', 'Motor Response', 'Neurological', null, 'Text'),
    },
  },
};

export function chartItemsOf(set: ChartItemSet): ChartItem[] {
  const gcs = 'total' in set.gcs ? [set.gcs.total] : [set.gcs.eye, set.gcs.verbal, set.gcs.motor];
  return [
    set.heartRate,
    ...Object.values(set.arterial),
    ...Object.values(set.noninvasive),
    set.respRate,
    set.spo2,
    set.temperatureF,
    set.temperatureC,
    ...set.glucose,
    set.rhythm,
    ...gcs,
  ];
}

export interface LabItem {
  itemId: number;
  lab: LabName;
  label: string;
  fluid: string;
  category: 'Blood Gas' | 'Chemistry' | 'Hematology';
  loinc: string;
  uom: string | null;
}

function lab(
  itemId: number,
  name: LabName,
  label: string,
  category: LabItem['category'],
  loinc: string,
  uom: string | null,
): LabItem {
  return { itemId, lab: name, label, fluid: 'Blood', category, loinc, uom };
}

/** Laboratory panels, each drawn as a unit. */
export const LAB_PANELS = {
  chemistry: [
    lab(50868, 'ANION GAP', 'Anion Gap', 'Chemistry', '1863-0', 'mEq/L'),
    lab(50882, 'BICARBONATE', 'Bicarbonate', 'Chemistry', '1963-8', 'mEq/L'),
    lab(50902, 'CHLORIDE', 'Chloride', 'Chemistry', '2075-0', 'mEq/L'),
    lab(50912, 'CREATININE', 'Creatinine', 'Chemistry', '2160-0', 'mg/dL'),
    lab(50931, 'GLUCOSE', 'Glucose', 'Chemistry', '2345-7', 'mg/dL'),
    lab(50960, 'MAGNESIUM', 'Magnesium', 'Chemistry', '2601-3', 'mg/dL'),
    lab(50970, 'PHOSPHATE', 'Phosphate', 'Chemistry', '2777-1', 'mg/dL'),
    lab(50971, 'POTASSIUM', 'Potassium', 'Chemistry', '2823-3', 'mEq/L'),
    lab(50983, 'SODIUM', 'Sodium', 'Chemistry', '2951-2', 'mEq/L'),
    lab(51006, 'BUN', 'Urea Nitrogen', 'Chemistry', '3094-0', 'mg/dL'),
  ],
  liver: [
    lab(50862, 'ALBUMIN', 'Albumin', 'Chemistry', '1751-7', 'g/dL'),
    lab(50885, 'BILIRUBIN', 'Bilirubin, Total', 'Chemistry', '1975-2', 'mg/dL'),
  ],
  bloodCount: [
    lab(51221, 'HEMATOCRIT', 'Hematocrit', 'Hematology', '4544-3', '%'),
    lab(51222, 'HEMOGLOBIN', 'Hemoglobin', 'Hematology', '718-7', 'g/dL'),
    lab(51265, 'PLATELET', 'Platelet Count', 'Hematology', '777-3', 'K/uL'),
    lab(51301, 'WBC', 'White Blood Cells', 'Hematology', '804-5', 'K/uL'),
  ],
  coagulation: [
    lab(51237, 'INR', 'INR(PT)', 'Hematology', '5895-7', null),
    lab(51274, 'PT', 'PT', 'Hematology', '5902-2', 'sec'),
    lab(51275, 'PTT', 'PTT', 'Hematology', '3173-2', 'sec'),
  ],
  bloodGas: [
    lab(50806, 'CHLORIDE', 'Chloride, Whole Blood', 'Blood Gas', '2069-3', 'mEq/L'),
    lab(50809, 'GLUCOSE', 'Glucose', 'Blood Gas', '2339-0', 'mg/dL'),
    lab(50810, 'HEMATOCRIT', 'Hematocrit, Calculated', 'Blood Gas', '20570-8', '%'),
    lab(50811, 'HEMOGLOBIN', 'Hemoglobin', 'Blood Gas', '718-7', 'g/dL'),
    lab(50813, 'LACTATE', 'Lactate', 'Blood Gas', '32693-4', 'mmol/L'),
    lab(50822, 'POTASSIUM', 'Potassium, Whole Blood', 'Blood Gas', '6298-4', 'mEq/L'),
    lab(50824, 'SODIUM', 'Sodium, Whole Blood', 'Blood Gas', '2947-0', 'mEq/L'),
  ],
} as const satisfies Record<string, readonly LabItem[]>;

export type LabPanel = keyof typeof LAB_PANELS;

export const LAB_ITEMS: readonly LabItem[] = Object.values(LAB_PANELS).flat();
