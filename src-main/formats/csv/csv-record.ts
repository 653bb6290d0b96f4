import { closeSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { openSourceFile } from '../source-files';
import type { SourceAnnotation, SourceChannel, SourceRecord } from '../record-source';
import { parseColumnHeader } from './column-header';
import { splitCsvLine } from './csv-cells';
import { type LineStart, type TextLine, nextContentLine, readLines } from './line-reader';
import { BLOCK_ROWS, RowBlocks } from './row-blocks';
import { RowParser } from './row-parser';
import { TimeColumn, UniformTimes, secondsPerUnit } from './time-column';

export interface CsvOptions {
  /**
   * Samples per second. When given, rows are consecutive samples and the time column only
   * gives the start; otherwise the rate comes from the time column, which must be uniform.
   */
  samplingRateHz?: number;
  /** How far a row's time may stray from its slot, as a fraction of the sample period (default 0.25). */
  timeTolerance?: number;
}

/**
 * A CSV file as a `SourceRecord`: a header row, a time column (seconds, `ms` by its unit, or
 * ISO 8601) and one column per channel, `name (unit)` or `name [unit]`. Values are physical
 * (gain 1, baseline 0); an empty or NaN cell is a gap (NaN). The file is read a chunk at a time:
 * opening checks every cell and notes where each block of rows starts, and a read parses only
 * the blocks it covers.
 */
export function openCsvRecord(path: string, options: CsvOptions = {}): SourceRecord {
  const { samplingRateHz, timeTolerance = 0.25 } = options;
  if (samplingRateHz !== undefined && !(Number.isFinite(samplingRateHz) && samplingRateHz > 0)) {
    throw new AppError('invalid-request', `A sampling rate must be a positive number of Hz, not ${samplingRateHz}.`);
  }
  if (!(timeTolerance > 0 && timeTolerance < 0.5)) {
    throw new AppError(
      'invalid-request',
      `The time tolerance must lie between 0 and 0.5 periods, not ${timeTolerance}.`,
    );
  }
  const fd = openSourceFile(path);
  try {
    return readRecord(path, fd, samplingRateHz, timeTolerance);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function readRecord(path: string, fd: number, givenRateHz: number | undefined, tolerance: number): SourceRecord {
  const lines = readLines(fd);
  const headerLine = nextContentLine(lines);
  if (headerLine === null) throw new FormatError(path, { line: 1 }, 'expected a header row');
  const header = readHeader(path, headerLine);
  const firstRow = nextContentLine(lines);
  if (firstRow === null) throw new FormatError(path, { line: headerLine.line + 1 }, 'expected a data row');
  const firstTime = firstCell(firstRow);
  const kind = TimeColumn.kindOf(firstTime);
  if (kind === null) {
    const expected = `expected a time in seconds or ISO 8601, found "${firstTime}"`;
    throw new FormatError(path, { line: firstRow.line, column: 1 }, expected);
  }
  const parser = new RowParser(path, header.cells, new TimeColumn(kind, header.secondsPerValue));
  const scan = scanRows(path, parser, firstRow, lines, givenRateHz === undefined ? tolerance : null);
  const { rows } = scan;
  const rateHz = givenRateHz ?? scan.rateHz;
  const channels: SourceChannel[] = header.channels.map(({ name, units }) => ({
    name,
    units,
    gain: 1,
    baseline: 0,
    adcResolution: null,
    samplingRateHz: rateHz,
    sampleCount: rows,
  }));
  const blocks = new RowBlocks(path, fd, parser, scan.blockStarts, { rows, channels: parser.channelCount });
  const timeHeader = header.cells[0] ?? '';
  return {
    name: basename(path, extname(path)),
    format: 'csv',
    startTime: kind === 'iso' ? firstTime.replace(' ', 'T') : null,
    frameRateHz: rateHz,
    frameCount: rows,
    patientId: null,
    channels,
    info: kind === 'seconds' && scan.startS !== 0 ? [`Time column "${timeHeader}" starts at ${scan.startS} s`] : [],
    warnings: [],
    readSamples: (channel, start, count) => blocks.read(channel, start, count),
    annotations: (): readonly SourceAnnotation[] => [],
    close: () => blocks.close(),
  };
}

interface RowScan {
  rows: number;
  /** Where every BLOCK_ROWS-th row starts, for random access later. */
  blockStarts: LineStart[];
  startS: number;
  /** Inferred from the times; NaN when they were not checked (the rate was given). */
  rateHz: number;
}

/** Checks every row once, notes where each block of rows starts and, given a tolerance, infers the rate. */
function scanRows(
  path: string,
  parser: RowParser,
  firstRow: TextLine,
  lines: Generator<TextLine>,
  tolerance: number | null,
): RowScan {
  const times = tolerance === null ? null : new UniformTimes(tolerance);
  const blockStarts: LineStart[] = [];
  const scratch = new Float64Array(parser.channelCount);
  let rows = 0;
  let startS = 0;
  let lastLine = firstRow.line;
  for (let row: TextLine | null = firstRow; row !== null; row = nextContentLine(lines)) {
    if (rows % BLOCK_ROWS === 0) blockStarts.push({ byteOffset: row.byteOffset, line: row.line });
    const timeS = parser.parse(row, scratch, 0, 1);
    const problem = times?.add(timeS) ?? null;
    if (problem !== null) {
      throw new FormatError(path, { line: row.line, column: 1 }, `expected ${problem}; or give the sampling rate`);
    }
    if (rows === 0) startS = timeS;
    rows++;
    lastLine = row.line;
  }
  if (times !== null && rows < 2) {
    throw new FormatError(path, { line: lastLine }, 'expected two rows or more to infer the sampling rate from');
  }
  return { rows, blockStarts, startS, rateHz: times === null ? Number.NaN : times.rateHz() };
}

interface CsvHeader {
  cells: string[];
  channels: { name: string; units: string }[];
  secondsPerValue: number;
}

function readHeader(path: string, line: TextLine): CsvHeader {
  const cells: string[] = [];
  const unclosed = splitCsvLine(line.text, cells);
  if (unclosed > 0) throw new FormatError(path, { line: line.line, column: unclosed }, 'expected a closing quote');
  if (cells.length < 2) {
    throw new FormatError(path, { line: line.line }, 'expected a header row: a time column and one column per channel');
  }
  const empty = cells.findIndex((cell) => cell.trim() === '');
  if (empty !== -1) throw new FormatError(path, { line: line.line, column: empty + 1 }, 'expected a column name');
  const timeUnits = parseColumnHeader(cells[0] ?? '').units;
  const secondsPerValue = secondsPerUnit(timeUnits);
  if (secondsPerValue === undefined) {
    throw new FormatError(
      path,
      { line: line.line, column: 1 },
      `expected a time column in s or ms, found "${timeUnits}"`,
    );
  }
  return {
    cells,
    channels: cells.slice(1).map(parseColumnHeader),
    secondsPerValue,
  };
}

function firstCell(row: TextLine): string {
  const cells: string[] = [];
  splitCsvLine(row.text, cells);
  return (cells[0] ?? '').trim();
}
