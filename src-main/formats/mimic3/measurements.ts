import { HOUR_MS } from './cells';
import type { Mimic3CohortStay } from './cohort';

/** Measurements of one variable in one stay; a null value is a row the lab cap turned into NULL. */
export interface Series {
  times: number[];
  values: (number | null)[];
}

/** What a CHARTEVENTS or LABEVENTS pass keeps: per ICU stay, per variable, its timed values. */
export class StayMeasurements<K extends string> {
  private readonly byStay = new Map<number, Map<K, Series>>();
  rowsInItems = 0;
  rowsKept = 0;

  add(icustayId: number, variable: K, time: number, value: number | null): void {
    let variables = this.byStay.get(icustayId);
    if (variables === undefined) {
      variables = new Map();
      this.byStay.set(icustayId, variables);
    }
    let series = variables.get(variable);
    if (series === undefined) {
      series = { times: [], values: [] };
      variables.set(variable, series);
    }
    series.times.push(time);
    series.values.push(value);
    this.rowsKept += 1;
  }

  of(icustayId: number): ReadonlyMap<K, Series> {
    return this.byStay.get(icustayId) ?? new Map<K, Series>();
  }

  has(icustayId: number): boolean {
    return this.byStay.has(icustayId);
  }
}

/** Both event queries keep `CHARTTIME BETWEEN INTIME AND INTIME + 48 h` (inclusive). */
export const WINDOW_MS = 48 * HOUR_MS;

export function inWindow(stay: Mimic3CohortStay, time: number): boolean {
  return time >= stay.inTime && time <= stay.inTime + WINDOW_MS;
}
