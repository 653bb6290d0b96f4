import { basename } from 'node:path';
import { appName } from '../app/identity';
import { annotationNote } from '../export/annotation-text';
import type { StoredAnnotation } from '../store';
import { formatValue, saliencyColouring } from './colour-maps';
import type { Figure } from './figure';
import { legendFigure, windowRows, type StripSource } from './lane-figures';
import { MAJOR_GRID_MM, MINOR_GRID_MM, MM_PER_MILLIVOLT, MM_PER_SECOND } from './paper';
import type { ReportContent, ReportExplanation } from './report-content';
import { overlaps, type TimeWindow } from './report-windows';

export interface Column {
  readonly title: string;
  /** Share of the table's width. */
  readonly weight: number;
}

/** What a report says, in order; the PDF and HTML renderers lay out the same blocks. */
export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'table'; readonly columns: readonly Column[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'figure'; readonly figure: Figure };

export interface ReportDocument {
  readonly title: string;
  /** Repeated at the foot of every PDF page and at the end of the HTML page. */
  readonly footer: string;
  readonly blocks: readonly Block[];
}

/** Columns as [title, share of the width] pairs. */
function columns(...spec: readonly (readonly [string, number])[]): Column[] {
  return spec.map(([title, weight]) => ({ title, weight }));
}

export const RESEARCH_NOTICE = 'For research use only; not for diagnosis.';

export function reportDocument(content: ReportContent): ReportDocument {
  const { record } = content;
  const strips = content.explanations.map((e, i): StripSource => ({
    number: i + 1,
    startSec: e.startSec,
    endSec: e.endSec,
    explanation: e.explanation,
    colouring: saliencyColouring(e.explanation.scale, e.explanation.saliency),
  }));
  const generated = content.generatedAt.toISOString();
  return {
    title: `Annotated ECG report: record ${record.name}`,
    footer: `${appName} ${content.appVersion} · generated ${generated} · record ${record.name} (id ${record.id}) · ${content.deidentified ? 'de-identified' : 'identified'} · ${RESEARCH_NOTICE}`,
    blocks: [
      { kind: 'paragraph', text: `${RESEARCH_NOTICE} ${identificationNote(content.deidentified)}` },
      ...recordBlocks(content),
      ...displayBlocks(),
      ...windowBlocks(content, strips),
      ...annotationBlocks(content),
      ...modelBlocks(content),
      ...explainerBlocks(content),
      { kind: 'heading', text: "Analyst's summary" },
      { kind: 'paragraph', text: content.summary ?? 'No summary was given.' },
      { kind: 'heading', text: 'Generation' },
      {
        kind: 'fields',
        rows: [
          ['Generated at', generated],
          ['Application', `${appName} ${content.appVersion}`],
          ['De-identified', content.deidentified ? 'yes' : 'no (--identified)'],
        ],
      },
    ],
  };
}

function identificationNote(deidentified: boolean): string {
  return deidentified
    ? "De-identified: the record's free-text header fields and the annotations' free-text notes are left out; identifiers are shown as the study stores them."
    : "Identified: the record's free-text header fields and the annotations' notes are included as stored.";
}

function recordBlocks({ record, deidentified, annotations }: ReportContent): Block[] {
  const duration = record.sampleCount / record.frameRateHz;
  const info = deidentified ? 'left out (de-identified)' : record.info.length === 0 ? 'none' : record.info.join(' | ');
  return [
    { kind: 'heading', text: 'Record' },
    {
      kind: 'fields',
      rows: [
        ['Record id', String(record.id)],
        ['Record name', record.name],
        ['Patient id', record.patientId ?? 'none stored'],
        ['Source format', record.source],
        ['Source file', deidentified || record.sourcePath === null ? 'not shown' : basename(record.sourcePath)],
        ['Start time', record.startTime ?? 'not stated by the source'],
        ['Duration', `${formatSeconds(duration)} (${record.sampleCount} frames at ${record.frameRateHz} Hz)`],
        ['Annotations', `${annotations.length} in the record`],
        ['Header information', info],
      ],
    },
    {
      kind: 'table',
      columns: columns(
        ['Channel', 2],
        ['Units', 1],
        ['Sampling rate', 2],
        ['Samples', 2],
        ['Gain (ADC units per unit)', 3],
        ['Baseline', 2],
        ['ADC bits', 1],
      ),
      rows: record.channels.map((c) => [
        c.name,
        c.units,
        `${c.samplingRateHz} Hz`,
        String(c.sampleCount),
        String(c.gain),
        String(c.baseline),
        c.adcResolution === null ? '' : String(c.adcResolution),
      ]),
    },
  ];
}

function displayBlocks(): Block[] {
  return [
    { kind: 'heading', text: 'Display' },
    {
      kind: 'fields',
      rows: [
        ['Paper speed', `${MM_PER_SECOND} mm/s`],
        ['Gain', `${MM_PER_MILLIVOLT} mm/mV (leads in other units are scaled to fit, as their labels say)`],
        ['Grid', `${MINOR_GRID_MM} mm minor, ${MAJOR_GRID_MM} mm major squares`],
        ['Calibration pulse', '1 mV, 200 ms, left of each lead'],
        ['Filters', 'none: the samples as stored'],
        [
          'Annotation marks',
          'above each lead (whole-record annotations above every lead); imported in grey, analyst in blue, explainer in purple',
        ],
      ],
    },
  ];
}

function windowBlocks(content: ReportContent, strips: readonly StripSource[]): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Windows' }];
  content.windows.forEach((window, w) => {
    const inWindow = strips.filter((s) => overlaps(s, window));
    blocks.push({ kind: 'subheading', text: `Window ${w + 1}: ${formatRange(window)}` });
    if (inWindow.length > 0) {
      const names = inWindow.map((s) => `E${s.number} (${s.explanation.method})`).join(', ');
      blocks.push({ kind: 'paragraph', text: `Saliency strips under each lead it explains: ${names}.` });
    }
    const rows = windowRows(window, content.annotations, content.record.frameRateHz, inWindow);
    rows.forEach((row, r) => {
      if (rows.length > 1)
        blocks.push({ kind: 'paragraph', text: `Row ${r + 1} of ${rows.length}: ${formatRange(row)}` });
      for (const figure of row.lanes) blocks.push({ kind: 'figure', figure });
    });
    for (const strip of inWindow) blocks.push({ kind: 'figure', figure: legendFigure(strip) });
  });
  return blocks;
}

function annotationBlocks(content: ReportContent): Block[] {
  const { record, windows } = content;
  const rate = record.frameRateHz;
  const listed = content.annotations.filter((a) => {
    const at = a.sample / rate;
    return a.source !== 'imported' || windows.some((w) => at >= w.startSec && at < w.endSec);
  });
  const lead = (a: StoredAnnotation): string =>
    a.channel === null ? 'all' : (record.channels[a.channel]?.name ?? String(a.channel));
  return [
    { kind: 'heading', text: 'Findings and annotations' },
    {
      kind: 'paragraph',
      text:
        listed.length === 0
          ? 'No annotations fall in the windows shown, and the record has no analyst or explainer annotations.'
          : 'The annotations in the windows shown, and every analyst or explainer annotation of the record.',
    },
    ...(listed.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            columns: columns(
              ['Time', 2],
              ['End', 2],
              ['Lead', 1],
              ['Label', 1],
              ['Note', 4],
              ['Author', 2],
              ['Source', 1.5],
              ['Edited', 3.5],
            ),
            rows: listed.map((a) => [
              formatSeconds(a.sample / rate),
              a.endSample === null ? '' : formatSeconds(a.endSample / rate),
              lead(a),
              a.subtype === 0 ? a.symbol : `${a.symbol}/${a.subtype}`,
              annotationNote(a) ?? '',
              a.author,
              a.source,
              a.updatedAt,
            ]),
          },
        ]),
  ];
}

function modelBlocks({ explanations }: ReportContent): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Model' }];
  if (explanations.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No explanation of the windows shown is stored, so no model is reported.' });
    return blocks;
  }
  const seen = new Set<string>();
  for (const { model } of explanations) {
    const key = `${model.id} ${model.sha256}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const card = model.card;
    blocks.push({ kind: 'subheading', text: card === null ? model.id : `${card.name} (${model.id})` });
    blocks.push({
      kind: 'fields',
      rows: [
        ['Name', card?.name ?? `unknown: ${model.note ?? ''}`],
        ['Version', card?.version ?? 'unknown'],
        ['sha256', model.sha256],
        ['Task', card === null ? 'unknown' : `${card.task}: ${card.classNames.join(', ')}`],
      ],
    });
  }
  blocks.push({
    kind: 'table',
    columns: columns(
      ['Explanation', 1.2],
      ['Window', 3],
      ['Model', 2],
      ['Predicted class', 1.6],
      ['Probability', 1.4],
      ['Explained class', 1.6],
      ['Prediction from', 2.4],
    ),
    rows: explanations.map((e, i) => predictionRow(e, i + 1)),
  });
  return blocks;
}

function predictionRow(e: ReportExplanation, number: number): string[] {
  const { explanation, model, verdict } = e;
  const classes = model.card?.classNames;
  const target =
    explanation.target === null ? 'the output' : (classes?.[explanation.target] ?? String(explanation.target));
  return [
    `E${number}`,
    formatRange(e),
    model.id,
    verdict === null ? 'not available' : (verdict.className ?? 'regression'),
    verdict?.probability == null ? '' : verdict.probability.toFixed(3),
    target,
    verdict === null ? (model.note ?? 'the model cannot take this window') : verdict.source,
  ];
}

function explainerBlocks({ explanations }: ReportContent): Block[] {
  if (explanations.length === 0) return [];
  return [
    { kind: 'heading', text: 'Explanations' },
    {
      kind: 'table',
      columns: columns(
        ['Explanation', 1.2],
        ['Method', 2.2],
        ['Parameters', 4.4],
        ['Seed', 1],
        ['Runtime', 1.4],
        ['Faithfulness', 2.6],
        ['Values', 1.6],
        ['Made', 3],
      ),
      rows: explanations.map(({ explanation: e }, i) => [
        `E${i + 1}`,
        e.method,
        formatParams(e.params),
        String(e.seed),
        typeof e.info.runtimeMs === 'number' ? `${formatValue(e.info.runtimeMs)} ms` : 'not recorded',
        formatFaithfulness(e.info.faithfulness),
        e.scale,
        `${e.createdAt} by ${e.createdBy}`,
      ]),
    },
  ];
}

/** `key=value` pairs, values as JSON (strings unquoted). */
function formatParams(params: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return 'defaults';
  return entries.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
}

/** The numeric entries of an explanation's `info.faithfulness`, when the explainer measured any. */
function formatFaithfulness(value: unknown): string {
  if (typeof value !== 'object' || value === null) return 'not measured';
  const numbers = Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  return numbers.length === 0 ? 'not measured' : numbers.map(([k, v]) => `${k} ${formatValue(v)}`).join(', ');
}

/** Seconds from the record's start, to the millisecond, and as h:mm:ss.sss. */
export function formatSeconds(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const whole = Math.floor(ms / 1000);
  const clock = `${Math.floor(whole / 3600)}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}.${String(ms % 1000).padStart(3, '0')}`;
  return `${(ms / 1000).toFixed(3)} s (${clock})`;
}

function formatRange(window: TimeWindow): string {
  return `${window.startSec.toFixed(3)} s to ${window.endSec.toFixed(3)} s`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
