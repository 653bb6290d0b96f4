import type { ExplanationSummary } from '$api/contract';

/** One method's explanations from one job: the unit that is shown as a strip and compared. */
export interface SaliencyRun {
  key: string;
  method: string;
  jobId: number | null;
  modelId: string;
  /** Sorted by start. */
  explanations: readonly ExplanationSummary[];
  createdAt: string;
}

export function runKey(summary: Pick<ExplanationSummary, 'jobId' | 'method' | 'id'>): string {
  // Explanations stored outside a job each stand alone.
  return summary.jobId === null ? `single-${summary.id}:${summary.method}` : `${summary.jobId}:${summary.method}`;
}

/** A record's explanations grouped into runs, the newest run first. */
export function groupRuns(summaries: readonly ExplanationSummary[]): SaliencyRun[] {
  const runs = new Map<string, ExplanationSummary[]>();
  for (const summary of summaries) {
    const key = runKey(summary);
    runs.set(key, [...(runs.get(key) ?? []), summary]);
  }
  return [...runs]
    .map(([key, members]) => {
      const sorted = [...members].sort((a, b) => a.startSample - b.startSample);
      const first = sorted[0] as ExplanationSummary;
      return {
        key,
        method: first.method,
        jobId: first.jobId,
        modelId: first.modelId,
        explanations: sorted,
        createdAt: members.reduce((latest, m) => (m.createdAt > latest ? m.createdAt : latest), first.createdAt),
      };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.key.localeCompare(a.key));
}

/**
 * The shown run keys with one job's runs put in the order of its methods, in the places they
 * already hold: strips and the compare view keep the order the analyst asked for, whichever
 * method finished first. Other keys stay where they are.
 */
export function inMethodOrder(
  shown: readonly string[],
  jobRuns: readonly SaliencyRun[],
  methods: readonly string[],
): string[] {
  const rank = new Map(jobRuns.map((run) => [run.key, methods.indexOf(run.method)]));
  const ofJob = shown.filter((key) => rank.has(key));
  const ordered = [...ofJob].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  let next = 0;
  return shown.map((key) => (rank.has(key) ? (ordered[next++] ?? key) : key));
}

/** "IG" for integrated-gradients, "Occ" for occlusion: a strip's label. */
export function shortName(method: string): string {
  const words = method.split('-').filter((w) => w !== '');
  if (words.length > 1) return words.map((w) => w[0]?.toUpperCase() ?? '').join('');
  const word = words[0] ?? method;
  return word.slice(0, 1).toUpperCase() + word.slice(1, 3);
}

/**
 * The windows (start samples) every run explained, with the same model and channels: what the
 * compare view can set side by side, and which explanation of each run covers it.
 */
export function sharedWindows(runs: readonly SaliencyRun[]): { startSample: number; explanationIds: number[] }[] {
  const [first, ...others] = runs;
  if (first === undefined) return [];
  return first.explanations.flatMap((e) => {
    const ids = [e.id];
    for (const run of others) {
      const match = run.explanations.find(
        (o) =>
          o.startSample === e.startSample &&
          o.windowLength === e.windowLength &&
          o.modelId === e.modelId &&
          o.channelIds.join(',') === e.channelIds.join(','),
      );
      if (match === undefined) return [];
      ids.push(match.id);
    }
    return [{ startSample: e.startSample, explanationIds: ids }];
  });
}
