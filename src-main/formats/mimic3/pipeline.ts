import { AppError } from '../../errors';
import type { SourceRecord } from '../record-source';
import { readVitalEvents } from './chart-events';
import { selectCohortFromFiles, type Mimic3CohortStay } from './cohort';
import { featureLayout, MIMIC3_STEPS, type Mimic3Feature, type Mimic3Mode } from './features';
import { fillEmptyLabs, leftoverLabFill } from './imputation';
import { readItemLabels } from './item-dictionary';
import { LAB_ITEM_IDS, VITAL_ITEM_IDS, type VitalName } from './items';
import { readLabEvents } from './lab-events';
import { normalisationStatistics, type Mimic3Normalisation } from './normalisation';
import { buildStayTensor, type StayTensor } from './stay-tensor';
import { stayRecord } from './stay-record';
import { findMimic3Tables, requireTable } from './table-files';
import type { TableReadControl } from './table-stream';

export interface Mimic3PipelineOptions extends TableReadControl {
  /** Default 'as-published'. */
  mode?: Mimic3Mode;
  /** The first ⌊n × trainFraction⌋ stays (in cohort order, no shuffling) are the train pool. Default 0.8. */
  trainFraction?: number;
}

/** A stay of the final dataset. */
export interface Mimic3Stay extends Mimic3CohortStay {
  /** The task label: 1 if the patient died in this ICU stay (= mortIcu). */
  label: 0 | 1;
  split: 'train' | 'test';
  /** Start of bin 0 (epoch ms): the first vital's CHARTTIME as published, INTIME in the fixed mode. */
  binOrigin: number;
  /** Feature-major `features.length × 48`, physical units, imputed. */
  values: Float64Array;
  /** 1 where the bin held a measurement before imputation. */
  observed: Uint8Array;
  /** The published nan_map: empty bins per feature, 0 for variables without rows. */
  nanMap: Float64Array;
  record: SourceRecord;
}

export interface Mimic3DroppedStay {
  icustayId: number;
  reason: 'no-vitals' | 'vital-never-binned';
  /** For 'vital-never-binned': the vitals that had rows but no value inside a bin. */
  vitals: readonly VitalName[];
}

export interface Mimic3Cohort {
  mode: Mimic3Mode;
  features: readonly Mimic3Feature[];
  steps: number;
  /** Stays that passed the cohort filters, before CHARTEVENTS. */
  cohortStays: number;
  stays: readonly Mimic3Stay[];
  dropped: readonly Mimic3DroppedStay[];
  /** The first `trainCount` stays are the train pool; the rest is the test set. */
  trainCount: number;
  normalisation: Mimic3Normalisation;
  /** The per-lab-slot value used for labs whose rows all missed the bins. */
  labLeftoverFill: Float64Array;
  /** D_ITEMS / D_LABITEMS labels of the pipeline's ITEMIDs, where the dictionaries are present. */
  itemLabels: ReadonlyMap<number, string>;
  rows: { chartEventsInItems: number; chartEventsKept: number; labEventsInItems: number; labEventsKept: number };
}

/**
 * The MIMIC-III 48-hour ICU mortality dataset of FIT → Dynamask → time_interpret/ContraLSP
 * (formats.md §4.2), from a folder of MIMIC-III CSV or CSV.gz tables. CHARTEVENTS and
 * LABEVENTS are each read once, as streams, keeping only cohort rows of the pipeline's items.
 */
export async function runMimic3Pipeline(tablesDir: string, options: Mimic3PipelineOptions = {}): Promise<Mimic3Cohort> {
  const mode = options.mode ?? 'as-published';
  const trainFraction = options.trainFraction ?? 0.8;
  if (!(trainFraction >= 0 && trainFraction <= 1)) {
    throw new AppError('invalid-request', `trainFraction must be within [0, 1], got ${trainFraction}`);
  }
  const layout = featureLayout(mode);
  const files = findMimic3Tables(tablesDir);
  const chartEvents = requireTable(files, 'CHARTEVENTS', tablesDir);
  const labEvents = requireTable(files, 'LABEVENTS', tablesDir);

  const cohort = await selectCohortFromFiles(files, tablesDir, options);
  const vitals = await readVitalEvents(chartEvents, cohort, options);
  const withVitals = cohort.filter((stay) => vitals.has(stay.icustayId));
  const labs = await readLabEvents(labEvents, withVitals, options);
  const itemLabels = await readItemLabels(
    [files.D_ITEMS, files.D_LABITEMS],
    new Set([...VITAL_ITEM_IDS, ...LAB_ITEM_IDS]),
    options,
  );

  const kept: { stay: Mimic3CohortStay; tensor: StayTensor }[] = [];
  const dropped: Mimic3DroppedStay[] = [];
  for (const stay of cohort) {
    const result = buildStayTensor(stay, vitals.of(stay.icustayId), labs.of(stay.icustayId), layout);
    if (result.kind === 'kept') kept.push({ stay, tensor: result.tensor });
    else
      dropped.push({
        icustayId: stay.icustayId,
        reason: result.reason,
        vitals: 'vitals' in result ? result.vitals : [],
      });
  }

  const labLeftover = leftoverLabFill(
    kept.map((k) => k.tensor.rawLabs),
    layout.labCount,
    MIMIC3_STEPS,
    mode,
  );
  for (const { tensor } of kept) fillEmptyLabs(tensor.values, labLeftover, MIMIC3_STEPS);

  const trainCount = Math.floor(kept.length * trainFraction);
  const stays = kept.map(({ stay, tensor }, index): Mimic3Stay => {
    const split = index < trainCount ? 'train' : 'test';
    const { binOrigin, values, observed, nanMap } = tensor;
    return {
      ...stay,
      label: stay.mortIcu,
      split,
      binOrigin,
      values,
      observed,
      nanMap,
      record: stayRecord({ stay, mode, split, binOrigin, values }, layout.features),
    };
  });

  return {
    mode,
    features: layout.features,
    steps: MIMIC3_STEPS,
    cohortStays: cohort.length,
    stays,
    dropped,
    trainCount,
    normalisation: normalisationStatistics(
      stays.slice(0, trainCount).map((s) => s.values),
      layout.features.length,
      MIMIC3_STEPS,
    ),
    labLeftoverFill: labLeftover,
    itemLabels,
    rows: {
      chartEventsInItems: vitals.rowsInItems,
      chartEventsKept: vitals.rowsKept,
      labEventsInItems: labs.rowsInItems,
      labEventsKept: labs.rowsKept,
    },
  };
}
