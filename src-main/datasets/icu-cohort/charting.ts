import { HOUR_MS } from '../../formats/mimic3';
import { CHART_ITEMS, type ChartItem } from './item-catalogue';
import { deteriorationAt, VITAL_MODELS, type Physiology, type VitalVariable } from './physiology';
import type { Random } from './prng';
import type { PlannedStay } from './timeline';

/** One bedside observation as CHARTEVENTS stores it. */
export interface ChartObservation {
  item: ChartItem;
  time: number;
  value: string;
  valueNum: number | null;
  /** MetaVision flags rows the nurse marked as erroneous. */
  error: boolean;
}

const MINUTE_MS = 60_000;

const EYE = ['No Response', 'To Pain', 'To Speech', 'Spontaneously'];
const VERBAL = ['No Response-ETT', 'Incomprehensible sounds', 'Inappropriate Words', 'Confused', 'Oriented'];
const MOTOR = [
  'No response',
  'Abnormal extension',
  'Abnormal Flexion',
  'Flex-withdraws',
  'Localizes Pain',
  'Obeys Commands',
];

/**
 * Nurse charting over the whole stay: a full set of vitals on arrival, then hourly sets on the
 * hour (some late, some skipped, single items missed), temperature, GCS and rhythm every 4 h,
 * glucose every 6 or 12 h or never, and now and then an artefact (MetaVision marks it ERROR = 1;
 * CareVue leaves an implausible 0). Values follow the stay's latent course.
 */
export function chartStay(random: Random, physiology: Physiology, stay: PlannedStay): ChartObservation[] {
  const items = CHART_ITEMS[stay.dbSource];
  const metavision = stay.dbSource === 'metavision';
  const pressure = stay.arterialLine ? items.arterial : items.noninvasive;
  const pressureEvery = stay.arterialLine || random.chance(0.7) ? 1 : 2;
  const temperature = random.chance(metavision ? 0.85 : 0.7) ? items.temperatureF : items.temperatureC;
  const glucose = random.chance(0.8) ? items.glucose[0] : items.glucose[1];
  const glucoseEvery = random.weighted([
    [6, 45],
    [12, 40],
    [0, 15],
  ] as const);
  const atrialFibrillation = random.chance(0.1);
  const observations: ChartObservation[] = [];

  const observe = (item: ChartItem | undefined, time: number, valueNum: number | null, value?: string): void => {
    if (item !== undefined) observations.push({ item, time, value: value ?? String(valueNum), valueNum, error: false });
  };
  const measure = (variable: VitalVariable, time: number): number =>
    physiology.measure(VITAL_MODELS[variable], deteriorationAt(stay.course, (time - stay.inTime) / HOUR_MS), random);

  const chartSet = (time: number, full: boolean, slot: number): void => {
    const clockHour = new Date(time).getUTCHours();
    const charted = (): boolean => full || random.chance(0.96);
    const heartRate = measure('heartRate', time);
    if (charted()) observe(items.heartRate, time, heartRate);
    if (charted()) observe(items.spo2, time, measure('spo2', time));
    if (charted()) observe(items.respRate, time, measure('respRate', time));
    if ((full || slot % pressureEvery === 0) && charted()) {
      const mean = measure('meanPressure', time);
      const pulse = measure('pulsePressure', time);
      observe(pressure.systolic, time, Math.round(mean + (2 * pulse) / 3));
      observe(pressure.diastolic, time, Math.round(mean - pulse / 3));
      observe(pressure.mean, time, mean);
    }
    if (full || clockHour % 4 === 0) {
      if (full || random.chance(0.9)) chartTemperature(time);
      chartNeurology(time, heartRate);
    }
    if (glucoseEvery > 0 && (full || clockHour % glucoseEvery === 0)) {
      const drawn = time + random.integer(0, 50) * MINUTE_MS;
      if (drawn < stay.outTime) observe(glucose, drawn, measure('glucose', drawn));
    }
    if (random.chance(0.01)) chartArtefact(time + random.integer(1, 30) * MINUTE_MS);
  };

  const chartTemperature = (time: number): void => {
    const celsius = measure('temperatureC', time);
    const value = temperature === items.temperatureF ? Math.round((celsius * 1.8 + 32) * 10) / 10 : celsius;
    observe(temperature, time, value);
  };

  const chartNeurology = (time: number, heartRate: number): void => {
    const rhythm = atrialFibrillation
      ? metavision
        ? 'AF (Atrial Fibrillation)'
        : 'Atrial Fib'
      : heartRate > 100
        ? metavision
          ? 'ST (Sinus Tachycardia)'
          : 'Sinus Tachy'
        : metavision
          ? 'SR (Sinus Rhythm)'
          : 'Normal Sinus';
    observe(items.rhythm, time, null, rhythm);
    const total = measure('gcs', time);
    if ('total' in items.gcs) {
      observe(items.gcs.total, time, total);
      return;
    }
    const eye = Math.max(1, Math.min(4, Math.round(total / 4)));
    const verbal = Math.max(1, Math.min(5, Math.round(((total - eye) * 5) / 11)));
    const motor = Math.max(1, Math.min(6, total - eye - verbal));
    observe(items.gcs.eye, time, eye, EYE[eye - 1]);
    observe(items.gcs.verbal, time, verbal, VERBAL[verbal - 1]);
    observe(items.gcs.motor, time, motor, MOTOR[motor - 1]);
  };

  const chartArtefact = (time: number): void => {
    if (time >= stay.outTime) return;
    const item = random.chance(0.5) ? items.heartRate : items.spo2;
    const valueNum = metavision ? random.integer(0, 250) : 0;
    observations.push({ item, time, value: String(valueNum), valueNum, error: metavision });
  };

  const arrival = stay.inTime + random.integer(5, 40) * MINUTE_MS;
  chartSet(arrival, true, 0);
  let slot = 1;
  for (let hour = Math.floor(arrival / HOUR_MS + 1) * HOUR_MS; hour < stay.outTime; hour += HOUR_MS, slot += 1) {
    if (random.chance(0.05)) continue;
    const late = random.chance(0.2) ? random.integer(1, 45) * MINUTE_MS : 0;
    if (hour + late < stay.outTime) chartSet(hour + late, false, slot);
  }
  return observations.sort((a, b) => a.time - b.time);
}
