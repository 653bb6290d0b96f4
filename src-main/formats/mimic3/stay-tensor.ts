import { binHourly, type BinGrid } from './binning';
import type { Mimic3CohortStay } from './cohort';
import { MIMIC3_STEPS, type Mimic3FeatureLayout } from './features';
import { forwardFill, imputeWithStayMean, type RawLabBlock } from './imputation';
import type { LabName, VitalName } from './items';
import type { Series } from './measurements';

/** One stay's 48-hour tensor, imputed except for labs whose rows all fell outside the bins. */
export interface StayTensor {
  binOrigin: number;
  /** Feature-major `featureCount × 48`, physical units. */
  values: Float64Array;
  /** 1 where the bin held a measurement. */
  observed: Uint8Array;
  /** Empty bins per feature, counted (as published) only for variables that have rows. */
  nanMap: Float64Array;
  /** The lab block as binned, before forward filling: what the leftover-lab imputer is fitted on. */
  rawLabs: RawLabBlock;
}

export type StayTensorResult =
  | { kind: 'kept'; tensor: StayTensor }
  | { kind: 'dropped'; reason: 'no-vitals' }
  | { kind: 'dropped'; reason: 'vital-never-binned'; vitals: VitalName[] };

/**
 * Bins a stay's vitals and labs onto the 48 hourly steps, imputes vitals with the stay mean and
 * labs by forward fill, and repeats the demographics. A variable without rows stays 0. A stay
 * without vitals, or with a vital whose rows all miss the bins, is dropped (formats.md §4.2).
 */
export function buildStayTensor(
  stay: Mimic3CohortStay,
  vitals: ReadonlyMap<VitalName, Series>,
  labs: ReadonlyMap<LabName, Series>,
  layout: Mimic3FeatureLayout,
): StayTensorResult {
  if (vitals.size === 0) return { kind: 'dropped', reason: 'no-vitals' };
  const steps = MIMIC3_STEPS;
  const featureCount = layout.features.length;
  const grid: BinGrid =
    layout.mode === 'fixed'
      ? { origin: stay.inTime, edges: 'half-open', steps }
      : { origin: earliestTime(vitals.values()), edges: 'open', steps };
  const values = new Float64Array(featureCount * steps);
  const observed = new Uint8Array(featureCount * steps);
  const nanMap = new Float64Array(featureCount);

  const place = (slot: number, series: Series): Float64Array => {
    const bins = binHourly(series, grid);
    const target = values.subarray(slot * steps, (slot + 1) * steps);
    target.set(bins);
    bins.forEach((value, t) => (observed[slot * steps + t] = Number.isNaN(value) ? 0 : 1));
    nanMap[slot] = bins.filter(Number.isNaN).length;
    return target;
  };

  const neverBinned: VitalName[] = [];
  for (const [vital, series] of vitals) {
    const slot = layout.vitalSlots.get(vital);
    if (slot !== undefined && !imputeWithStayMean(place(slot, series))) neverBinned.push(vital);
  }
  if (neverBinned.length > 0) return { kind: 'dropped', reason: 'vital-never-binned', vitals: neverBinned };

  const labTargets: Float64Array[] = [];
  for (const [lab, series] of labs) {
    const slot = layout.labSlots.get(lab);
    if (slot !== undefined) labTargets.push(place(slot, series));
  }
  const labBlockLength = layout.labCount * steps;
  const rawLabs = { values: values.slice(0, labBlockLength), observed: observed.slice(0, labBlockLength) };
  for (const target of labTargets) forwardFill(target);

  const { gender, age, ethnicity, firstIcuStay } = layout.demographicSlots;
  const repeat = (slot: number, value: number): void => {
    values.fill(value, slot * steps, (slot + 1) * steps);
  };
  repeat(gender, stay.gender === 'M' ? 1 : 0);
  repeat(age, Math.trunc(stay.ageYears));
  repeat(ethnicity, stay.ethnicityCode);
  repeat(firstIcuStay, stay.firstIcuStay ? 1 : 0);

  return { kind: 'kept', tensor: { binOrigin: grid.origin, values, observed, nanMap, rawLabs } };
}

function earliestTime(series: Iterable<Series>): number {
  let earliest = Infinity;
  for (const { times } of series) for (const time of times) earliest = Math.min(earliest, time);
  return earliest;
}
