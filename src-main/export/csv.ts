import type { ExportContent } from './export-content';

export const CSV_COLUMNS = [
  'time_s', 'sample', 'end_sample', 'channel', 'channel_name', 'label', 'code', 'subtype', 'aux', 'author', 'source',
  'created_at', 'edited_at',
] as const; // prettier-ignore

/**
 * One row per annotation, RFC 4180 quoting, LF line ends. `time_s` is the sample over the record's
 * frame rate (to 1 µs); `channel` is the channel index, empty (as `channel_name`) for the whole record.
 */
export function annotationsCsv({ record, annotations }: ExportContent): string {
  const rows = annotations.map((a) => [
    String(Number((a.sample / record.frameRateHz).toFixed(6))),
    String(a.sample),
    a.endSample === null ? '' : String(a.endSample),
    a.channel === null ? '' : String(a.channel),
    a.channel === null ? '' : (record.channels[a.channel]?.name ?? ''),
    a.symbol,
    a.code === null ? '' : String(a.code),
    String(a.subtype),
    a.aux ?? '',
    a.author,
    a.source,
    a.createdAt,
    a.updatedAt,
  ]);
  return [CSV_COLUMNS, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\n') + '\n';
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
