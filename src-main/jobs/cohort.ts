import { z } from 'zod';
import { AppError } from '../errors';
import type { JobContext } from './job-kind';
import type { SummaryTable } from './job-schema';

/**
 * A cohort job: one job of many items (records, windows), each checkpointed when it finishes,
 * so a resumed job skips the items it already did. Record statistics use it now; "explain
 * every record matching a filter with these methods" will use it the same way.
 */
export interface CohortItem {
  /** Stable within the job: names the item's checkpoint. */
  key: string;
  /** For a person: `record 100`. */
  label: string;
}

export interface CohortWork<V> {
  /** The items as found at the job's first run; a resumed run keeps that list. */
  selectItems(): CohortItem[];
  /** How many steps an item takes, and the work itself. An AppError here fails that item only. */
  prepare(item: CohortItem): PreparedItem<V>;
  /** Reads a finished item's value back from its checkpoint. */
  value: z.ZodType<V>;
}

export interface PreparedItem<V> {
  steps: number;
  run(clock: StepClock): V | Promise<V>;
}

export interface StepClock {
  /** Call before each step: reports the steps done so far, then stops here if cancel was asked. */
  beginStep(): void;
}

/**
 * For work that reports its own progress as `done` of `total` (an explainer's steps, a model's
 * windows): an item of `steps` steps whose clock advances in proportion, checking for cancel on the way.
 */
export function proportionalSteps(clock: StepClock, steps: number): (done: number, total: number) => void {
  let reported = 0;
  return (done, total) => {
    const due = Math.min(steps, Math.floor((steps * done) / Math.max(total, 1)));
    for (; reported < due; reported++) clock.beginStep();
  };
}

export type CohortOutcome<V> = { item: CohortItem } & ({ ok: true; value: V } | { ok: false; error: string });

type SummaryCell = SummaryTable['rows'][number][number];

/** The table at a cohort's end: a row an item, `columns` filled from a finished item's value, the outcome last. */
export function cohortSummary<V>(
  columns: readonly string[],
  outcomes: readonly CohortOutcome<V>[],
  cells: (value: V) => SummaryCell[],
): SummaryTable {
  return {
    columns: ['item', ...columns, 'outcome'],
    rows: outcomes.map((o) =>
      o.ok
        ? [o.item.label, ...cells(o.value), 'done']
        : [o.item.label, ...columns.map(() => null), `failed: ${o.error}`],
    ),
  };
}

const CohortItemSchema = z.object({ key: z.string(), label: z.string() });
const itemsKey = 'cohort:items';

export async function runCohort<V>(context: JobContext<unknown>, work: CohortWork<V>): Promise<CohortOutcome<V>[]> {
  const { checkpoint, signal, reportProgress } = context;
  const items = loadItems(context, work);
  const finished = z.object({ steps: z.number(), value: work.value });
  const plans = items.map((item) => {
    const saved = checkpoint.load(`item:${item.key}`);
    if (saved !== undefined) return { item, saved: finished.parse(saved) };
    try {
      return { item, prepared: work.prepare(item) };
    } catch (error) {
      if (error instanceof AppError) return { item, error: error.message };
      throw error;
    }
  });
  const total = Math.max(
    1,
    plans.reduce((sum, plan) => sum + (plan.saved?.steps ?? plan.prepared?.steps ?? 0), 0),
  );
  let done = plans.reduce((sum, plan) => sum + (plan.saved?.steps ?? 0), 0);
  const outcomes: CohortOutcome<V>[] = [];
  for (const [index, plan] of plans.entries()) {
    const { item } = plan;
    if (plan.saved !== undefined) {
      outcomes.push({ item, ok: true, value: plan.saved.value });
      continue;
    }
    if (plan.prepared === undefined) {
      outcomes.push({ item, ok: false, error: plan.error });
      continue;
    }
    const phase = `${item.label} (${index + 1}/${items.length})`;
    const start = done;
    const clock: StepClock = {
      beginStep: () => {
        reportProgress({ fraction: Math.min(1, done / total), phase });
        signal.throwIfCancelled();
        done += 1;
      },
    };
    try {
      const value = await plan.prepared.run(clock);
      done = start + plan.prepared.steps;
      reportProgress({ fraction: Math.min(1, done / total), phase });
      checkpoint.save(`item:${item.key}`, { steps: plan.prepared.steps, value });
      outcomes.push({ item, ok: true, value });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      done = start + plan.prepared.steps;
      outcomes.push({ item, ok: false, error: error.message });
    }
  }
  return outcomes;
}

function loadItems<V>({ checkpoint }: JobContext<unknown>, work: CohortWork<V>): CohortItem[] {
  const saved = checkpoint.load(itemsKey);
  if (saved !== undefined) return z.array(CohortItemSchema).parse(saved);
  const items = work.selectItems();
  checkpoint.save(itemsKey, items);
  return items;
}
