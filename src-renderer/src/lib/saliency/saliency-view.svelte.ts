import type { Api, ExplanationMap } from '$api/contract';
import { DIVERGING, SEQUENTIAL } from './colour-maps';
import type { SaliencyLayer, SaliencyScene } from './draw-saliency';
import { normaliseTrack } from './normalise';
import { groupRuns, inMethodOrder, shortName, type SaliencyRun } from './saliency-runs';
import { trackOf } from './saliency-track';
import { topKSegments, type SalientSegment } from './top-k-segments';

/** The share of a run's entries that count as salient for its segments. */
export const SALIENT_SHARE = 0.05;
/** Runs of one lead closer than this are one segment: a QRS complex is 60–100 ms. */
const MERGE_GAP_SEC = 0.04;

/** A run whose maps have been read: its layer as drawn, its maps, and its ranked segments. */
export interface LoadedRun {
  run: SaliencyRun;
  maps: readonly ExplanationMap[];
  layer: SaliencyLayer;
  segments: readonly SalientSegment[];
}

type SaliencyReader = Pick<Api, 'listExplanations' | 'readExplanation'>;

/** A job whose runs are shown as they finish, and the methods it was asked for, in order. */
export interface JobShown {
  jobId: number;
  methods: readonly string[];
}

/**
 * The saliency of one open record: its explainer runs, which of them are shown as strips, the
 * one shown as a band behind the trace (whose top segments are listed), and how. Maps are read
 * once per run and kept outside deep reactivity.
 */
export class SaliencyView {
  private readonly api: SaliencyReader;
  private readonly recordId: number;
  private readonly rateHz: (channel: number) => number;
  runs = $state.raw<readonly SaliencyRun[]>([]);
  /** Keys of the shown runs, top strip first. */
  shown = $state.raw<readonly string[]>([]);
  /** By run key. */
  loaded = $state.raw<Readonly<Record<string, LoadedRun>>>({});
  strips = $state(true);
  band = $state(true);
  /** The run whose band and segments are shown. */
  focusKey: string | null = $state(null);
  current = $state.raw<SalientSegment | null>(null);
  error: string | null = $state(null);

  readonly layers: LoadedRun[] = $derived(
    this.shown.flatMap((key) => {
      const run = this.loaded[key];
      return run === undefined ? [] : [run];
    }),
  );
  readonly focus: LoadedRun | null = $derived(
    this.focusKey === null || !this.shown.includes(this.focusKey) ? null : (this.loaded[this.focusKey] ?? null),
  );
  readonly scene: SaliencyScene = $derived({
    layers: this.layers.map((l) => l.layer),
    strips: this.strips,
    band: this.band ? (this.focus?.layer ?? null) : null,
    segments: this.focus?.segments ?? [],
    current: this.current,
  });

  constructor(api: SaliencyReader, recordId: number, rateHz: (channel: number) => number) {
    this.api = api;
    this.recordId = recordId;
    this.rateHz = rateHz;
  }

  /**
   * Reads the record's runs again; with `job`, shows that job's runs (new results appear as they
   * finish) in the order of its methods, whichever finished first.
   */
  async refresh(job?: JobShown): Promise<void> {
    try {
      const { explanations } = await this.api.listExplanations({ recordId: this.recordId });
      this.runs = groupRuns(explanations);
      const fresh = this.runs.filter((run) => run.jobId === job?.jobId || this.shown.includes(run.key));
      await Promise.all(fresh.map((run) => this.load(run)));
      if (job === undefined) return;
      const ofJob = fresh.filter((run) => run.jobId === job.jobId);
      for (const run of ofJob) this.show(run.key, true);
      this.shown = inMethodOrder(this.shown, ofJob, job.methods);
    } catch (failure) {
      this.error = `Could not read the explanations: ${(failure as Error).message}`;
    }
  }

  /** Shows or hides a run's strip, reading its maps the first time. */
  async toggle(key: string, on: boolean): Promise<void> {
    const run = this.runs.find((r) => r.key === key);
    if (on && run !== undefined) {
      try {
        await this.load(run);
      } catch (failure) {
        this.error = `Could not read the explanation: ${(failure as Error).message}`;
        return;
      }
    }
    this.show(key, on);
  }

  private show(key: string, on: boolean): void {
    if (on && !this.shown.includes(key)) this.shown = [...this.shown, key];
    if (!on) this.shown = this.shown.filter((k) => k !== key);
    if (on && (this.focusKey === null || !this.shown.includes(this.focusKey))) this.focusKey = key;
    if (!on && this.focusKey === key) this.focusKey = this.shown[0] ?? null;
    this.current = null;
  }

  focusOn(key: string): void {
    this.focusKey = key;
    this.current = null;
  }

  /** Reads the run's maps unless this many are already loaded (a run that grew is read again). */
  private async load(run: SaliencyRun): Promise<void> {
    const known = this.loaded[run.key];
    if (known !== undefined && known.maps.length === run.explanations.length) return;
    const maps = await Promise.all(run.explanations.map((e) => this.api.readExplanation({ explanationId: e.id })));
    const first = maps[0];
    if (first === undefined) return;
    const track = trackOf(maps, this.rateHz(first.channelIndices[0] ?? 0));
    const shown = normaliseTrack(track, maps.length);
    const segments = topKSegments(
      { values: shown.values, length: track.length, features: track.channels.length },
      {
        k: Math.max(1, Math.round(SALIENT_SHARE * shown.values.length)),
        mergeGap: Math.round(MERGE_GAP_SEC * track.rateHz),
      },
    );
    const layer: SaliencyLayer = {
      key: run.key,
      short: shortName(run.method),
      track,
      shown,
      palette: shown.diverging ? DIVERGING : SEQUENTIAL,
    };
    this.loaded = { ...this.loaded, [run.key]: { run, maps, layer, segments } };
  }
}
