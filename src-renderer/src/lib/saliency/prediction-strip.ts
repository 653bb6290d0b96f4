import type { WindowVerdict } from '$api/contract';

/** One pixel column of the predictions strip: the verdict it shows, or null where no window is. */
export interface PredictionCell {
  label: number;
  score: number;
  /** The window's first sample, where a click goes. */
  startSample: number;
}

/**
 * The record's window verdicts folded into `columns` pixel columns across its whole length. Where
 * a column holds several windows, the one of the rarest class in the record wins (ties: the more
 * probable), so that a few abnormal windows among thousands of normal ones stay visible.
 */
export function predictionCells(
  windows: readonly WindowVerdict[],
  sampleCount: number,
  columns: number,
): (PredictionCell | null)[] {
  const counts = new Map<number, number>();
  for (const w of windows) if (w.label !== null) counts.set(w.label, (counts.get(w.label) ?? 0) + 1);
  const cells: (PredictionCell | null)[] = Array.from({ length: columns }, () => null);
  for (const w of windows) {
    if (w.label === null) continue;
    const column = Math.min(columns - 1, Math.floor((w.startSample / sampleCount) * columns));
    const held = cells[column];
    const candidate = { label: w.label, score: w.score ?? 0, startSample: w.startSample };
    if (held === null || held === undefined || beats(candidate, held, counts)) cells[column] = candidate;
  }
  return cells;
}

function beats(a: PredictionCell, b: PredictionCell, counts: ReadonlyMap<number, number>): boolean {
  const rarity = (counts.get(a.label) ?? 0) - (counts.get(b.label) ?? 0);
  return rarity < 0 || (rarity === 0 && a.score > b.score);
}

/** "N ×1650 · V ×130": how many windows fell in each class, most frequent first. */
export function classCounts(windows: readonly WindowVerdict[], classNames: readonly string[]): string {
  const counts: Record<string, number> = {};
  for (const w of windows) {
    const name = w.label === null ? '—' : (classNames[w.label] ?? String(w.label));
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ×${count}`)
    .join(' · ');
}
