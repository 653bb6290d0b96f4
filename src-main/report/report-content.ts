import type Database from 'better-sqlite3';
import { readSignalWindow } from '../api/signal-windows';
import { appVersion } from '../app/identity';
import { deidentify, loadExportContent } from '../export';
import {
  listExplanations,
  readExplanation,
  type ChannelDetail,
  type RecordDetail,
  type StoredAnnotation,
  type StoredExplanation,
} from '../store';
import { modelFacts, WindowVerdicts, type ModelFacts, type Verdict } from './model-verdicts';
import { chooseWindows, explanationWindow, overlaps, type TimeWindow } from './report-windows';

export interface ReportRequest {
  /** A record id or name. */
  readonly record: string;
  /** Windows to draw; none: the explanations' windows, else the first 10 s. */
  readonly windows: readonly TimeWindow[];
  /** Keep the record's free-text info and annotation notes (default: de-identified). */
  readonly identified: boolean;
  /** The analyst's summary, as typed. */
  readonly summary: string | null;
}

/** One channel's samples over a window, in physical units. */
export interface LaneSamples {
  readonly channel: ChannelDetail;
  readonly firstSample: number;
  readonly values: Float32Array;
}

export interface ReportWindow extends TimeWindow {
  readonly lanes: readonly LaneSamples[];
}

export interface ReportExplanation extends TimeWindow {
  readonly explanation: StoredExplanation;
  readonly model: ModelFacts;
  readonly verdict: Verdict | null;
}

/** Everything a report shows, read from the study once; the renderers only lay it out. */
export interface ReportContent {
  readonly record: RecordDetail;
  readonly deidentified: boolean;
  /** The record's live annotations (notes removed when de-identified), in sample order. */
  readonly annotations: readonly StoredAnnotation[];
  readonly windows: readonly ReportWindow[];
  /** The explanations whose windows overlap the ones drawn, in window order. */
  readonly explanations: readonly ReportExplanation[];
  readonly summary: string | null;
  readonly generatedAt: Date;
  readonly appVersion: string;
}

export async function loadReportContent(db: Database.Database, request: ReportRequest): Promise<ReportContent> {
  const loaded = loadExportContent(db, request.record);
  const { record, annotations, deidentified } = request.identified ? loaded : deidentify(loaded);
  const summaries = listExplanations(db, record.id);
  const windows = chooseWindows(record, summaries, request.windows);
  const shown = summaries
    .map((summary) => ({ summary, window: explanationWindow(record, summary) }))
    .filter(({ window }) => windows.some((w) => overlaps(w, window)));
  const verdicts = new WindowVerdicts(db, record);
  const explanations: ReportExplanation[] = [];
  for (const { summary, window } of shown) {
    const explanation = readExplanation(db, summary.id);
    if (explanation === undefined) continue;
    const model = modelFacts(db, summary.modelId, summary.modelSha256);
    explanations.push({ ...window, explanation, model, verdict: await verdicts.verdict(summary, model) });
  }
  return {
    record,
    deidentified,
    annotations,
    windows: windows.map((w) => ({ ...w, lanes: readLanes(db, record, w) })),
    explanations,
    summary: request.summary,
    generatedAt: new Date(),
    appVersion,
  };
}

/** Every channel's samples in the window, each at its own rate. */
function readLanes(db: Database.Database, record: RecordDetail, window: TimeWindow): LaneSamples[] {
  return record.channels.map((channel) => {
    const first = Math.min(channel.sampleCount, Math.floor(window.startSec * channel.samplingRateHz));
    const end = Math.min(channel.sampleCount, Math.ceil(window.endSec * channel.samplingRateHz));
    const read = readSignalWindow(db, record, { channels: [channel.index], start: first, count: end - first });
    return { channel, firstSample: first, values: read.channels[0]?.values ?? new Float32Array(0) };
  });
}
