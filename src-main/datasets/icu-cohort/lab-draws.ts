import { HOUR_MS } from '../../formats/mimic3';
import { LAB_PANELS, type LabItem, type LabPanel } from './item-catalogue';
import { deteriorationAt, LAB_MODELS, type Physiology } from './physiology';
import type { Random } from './prng';
import type { PlannedAdmission } from './timeline';

/** One laboratory result as LABEVENTS stores it (no ICUSTAY_ID: labs belong to the admission). */
export interface LabResult {
  item: LabItem;
  time: number;
  value: string;
  valueNum: number | null;
  abnormal: boolean;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The admission's blood draws: an emergency-department panel before the ICU, an admission
 * panel on arrival, morning labs around 04:00 every ICU day, and arterial blood gases every
 * 6 h for patients with an arterial line. Each panel's values follow the latent course.
 */
export function drawAdmissionLabs(random: Random, physiology: Physiology, admission: PlannedAdmission): LabResult[] {
  const results: LabResult[] = [];
  const draw = (panels: readonly LabPanel[], time: number, d: number): void => {
    for (const panel of panels) {
      for (const item of LAB_PANELS[panel]) results.push(result(random, physiology, item, time, d));
    }
  };
  const first = admission.stays[0];
  if (first !== undefined) {
    const emergencyPanel = admission.admitTime + random.integer(20, 120) * MINUTE_MS;
    if (emergencyPanel < first.inTime) {
      draw(['chemistry', 'bloodCount', 'coagulation'], emergencyPanel, deteriorationAt(first.course, 0) - 0.3);
    }
  }
  for (const stay of admission.stays) {
    const dAt = (time: number): number => deteriorationAt(stay.course, (time - stay.inTime) / HOUR_MS);
    const arrival = stay.inTime + random.integer(20, 90) * MINUTE_MS;
    const arrivalPanels: LabPanel[] = ['chemistry', 'bloodCount'];
    if (random.chance(0.8)) arrivalPanels.push('coagulation');
    if (random.chance(0.5)) arrivalPanels.push('liver');
    if (random.chance(stay.arterialLine ? 0.9 : 0.3)) arrivalPanels.push('bloodGas');
    draw(arrivalPanels, arrival, dAt(arrival));

    for (let morning = Math.ceil(stay.inTime / DAY_MS) * DAY_MS + 4 * HOUR_MS; ; morning += DAY_MS) {
      const time = morning + random.integer(0, 60) * MINUTE_MS;
      if (time >= stay.outTime) break;
      if (time < arrival + 2 * HOUR_MS) continue;
      const panels: LabPanel[] = ['chemistry', 'bloodCount'];
      if (random.chance(0.6)) panels.push('coagulation');
      if (random.chance(0.3)) panels.push('liver');
      draw(panels, time, dAt(time));
    }
    if (!stay.arterialLine) continue;
    for (let time = arrival + 6 * HOUR_MS; time < stay.outTime; time += 6 * HOUR_MS) {
      const drawn = time + random.integer(0, 60) * MINUTE_MS;
      if (drawn < stay.outTime && random.chance(0.5)) draw(['bloodGas'], drawn, dAt(drawn));
    }
  }
  return results.sort((a, b) => a.time - b.time);
}

function result(random: Random, physiology: Physiology, item: LabItem, time: number, d: number): LabResult {
  // A haemolysed or clotted sample now and then: text result, no number.
  if (random.chance(0.005)) return { item, time, value: 'UNABLE TO REPORT', valueNum: null, abnormal: false };
  const model = LAB_MODELS[item.lab];
  const valueNum = physiology.measure(model, d, random);
  const [low, high] = model.normal;
  return { item, time, value: String(valueNum), valueNum, abnormal: valueNum < low || valueNum > high };
}
