import { fromAnnotationColumns } from '$api/annotation-columns';
import type { Annotation, RecordInfo } from '$api/contract';
import { GROUND_TRUTH_LABEL } from '$api/method-names';
import type { AnnotationChange } from '../annotations/undo-stack';
import { AnnotationIndex } from './annotation-index';
import { moveCaliper, noCalipers, placeCaliper, type CaliperName, type CaliperPair } from './calipers';
import { channelTraces, type ChannelTrace } from './channel-trace';
import { ReadQueue, type RecordReader } from './read-queue';
import { channelLevel, laneAt, laneWindow, layOutLanes, valueAtY, type ChannelLevel, type Lane } from './lanes';
import {
  clampViewport,
  navigate,
  pxPerSec,
  windowSec,
  type NavigationAction,
  type ViewFrame,
  type Viewport,
} from './navigation';
import { noteInput } from './frame-timing';
import { STANDARD_SPEED_MM_PER_SEC } from './paper';
import type { RecordPlace } from './place';

/** More lanes than this would be too thin to read; the rest can be shown from the lead picker. */
const MAX_DEFAULT_LEADS = 12;
/** How near (in pixels) a click must be to an annotation to pick it. */
const HIT_PX = 6;

/**
 * The state of one open waveform record: the window, the lanes, the calipers and the
 * annotation search. Small values are reactive; samples live in `traces`, outside Svelte.
 */
export class EcgView {
  readonly record: RecordInfo;
  private readonly reader: RecordReader;
  private overviewsAsked = false;
  private annotationsAsked = false;
  /** Edits made before the record's annotations arrived, applied once they do. */
  private pendingChanges: AnnotationChange[] = [];
  readonly traces: ReadonlyMap<number, ChannelTrace>;
  startSec = $state(0);
  mmPerSec = $state(STANDARD_SPEED_MM_PER_SEC);
  widthPx = $state(0);
  heightPx = $state(0);
  pxPerMm: number = $state(0);
  /** Shown channels, top to bottom. */
  order: number[] = $state([]);
  /** Millimetres per unit set by the analyst, per channel; others: the standard gain (or fit, for non-voltages). */
  gains: Record<number, number> = $state({});
  levels = $state.raw<Readonly<Record<number, ChannelLevel>>>({});
  annotations = $state.raw<AnnotationIndex | null>(null);
  calipers = $state.raw<CaliperPair>(noCalipers);
  caliperMode = $state(false);
  /** The annotation label that next/previous look for. */
  label: string | null = $state(null);
  cursorSec: number | null = $state(null);
  /** Says when next/previous found nothing further. */
  findNotice = $state('');
  dataVersion = $state(0);
  /** Whether the last frame drew every lane at full detail (false while a block loads). */
  traceComplete = $state(false);
  error: string | null = $state(null);
  // Copies of the record's, for the derived fields below: field initialisers run before the constructor.
  private readonly durationSec: number = $state(0);
  private readonly channels: RecordInfo['channels'] = $state.raw([]);

  readonly viewport: Viewport = $derived({ startSec: this.startSec, mmPerSec: this.mmPerSec });
  readonly frame: ViewFrame = $derived({
    widthPx: this.widthPx,
    pxPerMm: this.pxPerMm,
    durationSec: this.durationSec,
  });
  readonly windowSec: number = $derived(windowSec(this.viewport, this.frame));
  readonly lanes: Lane[] = $derived(
    layOutLanes({
      channels: this.channels,
      order: this.order,
      gains: this.gains,
      levels: this.levels,
      heightPx: this.heightPx,
      pxPerMm: this.pxPerMm,
    }),
  );

  constructor(reader: RecordReader, record: RecordInfo, place: RecordPlace, pxPerMm: number) {
    this.reader = new ReadQueue(reader);
    this.record = record;
    this.durationSec = record.durationSec;
    this.channels = record.channels;
    this.pxPerMm = pxPerMm;
    const valid = place.leads?.filter((channel) => channel < record.channels.length) ?? [];
    this.order = valid.length > 0 ? valid : record.channels.slice(0, MAX_DEFAULT_LEADS).map((c) => c.index);
    this.gains = { ...place.gains };
    this.startSec = place.startSec ?? 0;
    this.mmPerSec = place.mmPerSec ?? STANDARD_SPEED_MM_PER_SEC;
    this.traces = channelTraces(
      this.reader,
      record,
      () => this.dataVersion++,
      (message) => (this.error = `Could not read the samples: ${message}`),
    );
  }

  /**
   * Asks for the first window's samples while the lanes are still being laid out, a frame or
   * more before they can draw. An overestimate of their width (the window's) only widens the read.
   */
  prefetch(widthPx: number, dpr: number): void {
    const perSec = pxPerSec(this.viewport, this.frame);
    for (const lane of this.lanes) {
      const { view, samplesPerColumn } = laneWindow(lane, this.startSec, perSec, widthPx, dpr);
      this.traces.get(lane.channel)?.blockFor(view, samplesPerColumn);
    }
  }

  /**
   * Told by the lanes after each frame. The first frame has asked for its window's samples, so
   * the whole-record envelopes of the shown leads are read after them; the annotations (which
   * come as JSON, seconds of it for a day-long Holter) wait for a complete frame.
   */
  frameDrawn(complete: boolean): void {
    this.traceComplete = complete;
    if (!this.overviewsAsked) {
      this.overviewsAsked = true;
      for (const channel of this.order) this.loadOverview(channel);
    }
    if (complete && !this.annotationsAsked) {
      this.annotationsAsked = true;
      this.loadAnnotations();
    }
  }

  private loadAnnotations(): void {
    this.reader.listAnnotations({ recordId: this.record.id }).then(
      (columns) => {
        const index = new AnnotationIndex(fromAnnotationColumns(columns), this.record.frameRateHz);
        this.annotations = index;
        for (const change of this.pendingChanges.splice(0)) this.applyAnnotationChange(change);
        const labels = index.labelCounts();
        // The first label worth walking through: not normal beats, rhythm changes or the ground truth.
        const skipped = (label: string): boolean =>
          label === 'N' || label.startsWith('+') || label === GROUND_TRUTH_LABEL;
        this.label ??= (labels.find((l) => !skipped(l.label)) ?? labels[0])?.label ?? null;
      },
      (failure: unknown) => (this.error = `Could not read the annotations: ${(failure as Error).message}`),
    );
  }

  /** An edit (or its undo) saved or removed an annotation: the lanes, the finder and the list follow. */
  applyAnnotationChange({ kind, annotation }: AnnotationChange): void {
    const index = this.annotations;
    if (index === null) {
      this.pendingChanges.push({ kind, annotation });
      return;
    }
    const others = index.items.filter((a) => a.id !== annotation.id);
    this.annotations = new AnnotationIndex(kind === 'saved' ? [...others, annotation] : others, index.frameRateHz);
  }

  /** The annotation under pixel (x, y) of the lanes, within a few pixels; null when none. */
  annotationAt(x: number, y: number): Annotation | null {
    const lane = laneAt(this.lanes, y);
    if (lane === null || this.annotations === null) return null;
    return this.annotations.hit(this.timeAt(x), HIT_PX / pxPerSec(this.viewport, this.frame), lane.channel);
  }

  private loadOverview(channel: number): void {
    const trace = this.traces.get(channel);
    if (trace === undefined || trace.overview !== null) return;
    trace.loadOverview().then(
      () => {
        const level = trace.overview === null ? null : channelLevel(trace.overview);
        if (level !== null) this.levels = { ...this.levels, [channel]: level };
      },
      (failure: unknown) => (this.error = `Could not read the overview: ${(failure as Error).message}`),
    );
  }

  /** Moves the window; `inputTimeStamp` (the event's) starts the frame-time clock when it does move. */
  go(action: NavigationAction, inputTimeStamp?: number): void {
    const next = navigate(this.viewport, action, this.frame);
    if (next.startSec === this.startSec && next.mmPerSec === this.mmPerSec) return;
    if (inputTimeStamp !== undefined) noteInput(inputTimeStamp);
    this.setViewport(next);
  }

  resize(widthPx: number, heightPx: number): void {
    this.widthPx = widthPx;
    this.heightPx = heightPx;
    this.setViewport(clampViewport(this.viewport, this.frame));
  }

  calibrate(pxPerMm: number): void {
    this.pxPerMm = pxPerMm;
    this.setViewport(clampViewport(this.viewport, this.frame));
  }

  private setViewport(next: Viewport): void {
    this.startSec = next.startSec;
    this.mmPerSec = next.mmPerSec;
  }

  /** The time under pixel `x` of the lanes. */
  timeAt(x: number): number {
    return this.startSec + x / pxPerSec(this.viewport, this.frame);
  }

  xOf(seconds: number): number {
    return (seconds - this.startSec) * pxPerSec(this.viewport, this.frame);
  }

  showLead(channel: number, shown: boolean): void {
    if (shown && !this.order.includes(channel)) {
      this.order = [...this.order, channel];
      if (this.overviewsAsked) this.loadOverview(channel);
    } else if (!shown && this.order.length > 1) {
      this.order = this.order.filter((c) => c !== channel);
    }
  }

  moveLead(channel: number, by: -1 | 1): void {
    const from = this.order.indexOf(channel);
    const to = from + by;
    if (from < 0 || to < 0 || to >= this.order.length) return;
    const order = [...this.order];
    [order[from], order[to]] = [order[to] as number, channel];
    this.order = order;
  }

  /** Doubles (+1) or halves (−1) a lane's gain, starting from what it shows now. */
  stepGain(channel: number, by: -1 | 1): void {
    const lane = this.lanes.find((l) => l.channel === channel);
    if (lane !== undefined) this.gains[channel] = lane.mmPerUnit * 2 ** by;
  }

  /** A click on the lanes in caliper mode: a caliper tip at that time and height. */
  placeCaliperAt(x: number, y: number): void {
    const lane = laneAt(this.lanes, y);
    if (lane === null) return;
    this.calipers = placeCaliper(this.calipers, {
      timeSec: this.timeAt(x),
      value: valueAtY(lane, y),
      channel: lane.channel,
    });
  }

  /** Drags a caliper: it keeps its lane; its height follows the pointer within that lane. */
  dragCaliper(name: CaliperName, x: number, y: number): void {
    const tip = this.calipers[name];
    const lane = this.lanes.find((l) => l.channel === tip?.channel);
    if (tip === null || lane === undefined) return;
    const clampedY = Math.min(lane.top + lane.height, Math.max(lane.top, y));
    this.calipers = moveCaliper(this.calipers, name, {
      ...tip,
      timeSec: this.timeAt(x),
      value: valueAtY(lane, clampedY),
    });
  }

  nudgeCaliper(name: CaliperName, seconds: number, value: number): void {
    const tip = this.calipers[name];
    if (tip === null) return;
    this.calipers = moveCaliper(this.calipers, name, {
      ...tip,
      timeSec: tip.timeSec + seconds,
      value: tip.value + value,
    });
  }

  clearCalipers(): void {
    this.calipers = noCalipers;
  }

  /**
   * Centres the next (or previous) annotation of the chosen label. The search starts from the
   * last one found while it is on screen (the window cannot always centre it, near the ends),
   * else from the middle of the window. False when there is none further.
   */
  jumpToAnnotation(direction: 1 | -1): boolean {
    const index = this.annotations;
    if (index === null || this.label === null) return false;
    const from = this.cursorOrCentre();
    const found = direction > 0 ? index.next(this.label, from) : index.previous(this.label, from);
    this.findNotice = found === null ? `No ${direction > 0 ? 'later' : 'earlier'} ${this.label}` : '';
    if (found === null) return false;
    const seconds = index.times[found] as number;
    this.cursorSec = seconds;
    this.go({ kind: 'centre-on', seconds });
    return true;
  }

  /** The cursor while it is on screen, else the middle of the window. */
  cursorOrCentre(): number {
    const cursor = this.cursorSec;
    const end = this.startSec + this.windowSec;
    return cursor !== null && cursor >= this.startSec && cursor <= end ? cursor : this.startSec + this.windowSec / 2;
  }

  /**
   * Moves the cursor `mm` millimetres of paper from where `cursorOrCentre` puts it, within the
   * record, and the window with it when it leaves the screen. Returns where it now is.
   */
  moveCursor(mm: number): number {
    const seconds = Math.min(this.durationSec, Math.max(0, this.cursorOrCentre() + mm / this.mmPerSec));
    this.cursorSec = seconds;
    if (seconds < this.startSec || seconds > this.startSec + this.windowSec) this.go({ kind: 'centre-on', seconds });
    return seconds;
  }

  place(): RecordPlace {
    return {
      recordId: this.record.id,
      startSec: this.startSec,
      mmPerSec: this.mmPerSec,
      leads: [...this.order],
      gains: { ...this.gains },
    };
  }
}
