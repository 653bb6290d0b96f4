import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { parseDecimal, parseInteger, parseMimicTime } from './cells';
import { forEachCsvRecord } from './csv-records';

/** Cancellation and progress for the long table passes (CHARTEVENTS has ~330 M rows). */
export interface TableReadControl {
  signal?: AbortSignal;
  onProgress?: (progress: { table: string; rows: number }) => void;
}

const PROGRESS_EVERY = 100_000;

/**
 * One data row, read through the columns the caller asked for. A cell that does not parse
 * throws a FormatError naming file, line, column number and column name. The object is reused
 * from row to row, so keep values, not the row.
 */
export class TableRow<C extends string> {
  line = 0;
  private fields: readonly string[] = [];

  constructor(
    private readonly file: string,
    private readonly positions: ReadonlyMap<C, number>,
  ) {}

  load(fields: readonly string[], line: number): void {
    this.fields = fields;
    this.line = line;
  }

  /** The cell's text, or null for an empty cell (MIMIC writes NULL as nothing). */
  text(column: C): string | null {
    const value = this.fields[this.position(column)] ?? '';
    return value === '' ? null : value;
  }

  integer(column: C): number {
    return this.required(column, this.integerOrNull(column), 'an integer');
  }

  integerOrNull(column: C): number | null {
    return this.parsed(column, parseInteger, 'an integer');
  }

  decimalOrNull(column: C): number | null {
    return this.parsed(column, parseDecimal, 'a number');
  }

  time(column: C): number {
    return this.required(column, this.timeOrNull(column), TIME_SYNTAX);
  }

  timeOrNull(column: C): number | null {
    return this.parsed(column, parseMimicTime, TIME_SYNTAX);
  }

  private parsed(column: C, parse: (text: string) => number | null, expected: string): number | null {
    const text = this.text(column);
    if (text === null) return null;
    const value = parse(text);
    if (value === null) this.fail(column, `${expected}, found "${text}"`);
    return value;
  }

  private required(column: C, value: number | null, expected: string): number {
    if (value === null) this.fail(column, `${expected}, found an empty cell`);
    return value;
  }

  private fail(column: C, expected: string): never {
    const position = this.position(column);
    throw new FormatError(
      this.file,
      { line: this.line, column: position + 1 },
      `column ${position + 1} (${column}): expected ${expected}`,
    );
  }

  private position(column: C): number {
    const position = this.positions.get(column);
    if (position === undefined) throw new AppError('internal', `Column ${column} was read but not requested`);
    return position;
  }
}

const TIME_SYNTAX = 'a time YYYY-MM-DD HH:MM:SS';

/**
 * Streams a table's rows to `onRow`, checking the header for the columns the caller needs
 * (matched without regard to case) and every row for the header's field count. Returns the
 * number of data rows.
 */
export async function streamTable<C extends string>(
  file: string,
  columns: readonly C[],
  onRow: (row: TableRow<C>) => void,
  control: TableReadControl = {},
): Promise<number> {
  control.signal?.throwIfAborted();
  let row: TableRow<C> | null = null;
  let width = 0;
  let rows = 0;
  const records = await forEachCsvRecord(file, (record) => {
    if (row === null) {
      row = new TableRow(file, headerPositions(file, record.fields, record.line, columns));
      width = record.fields.length;
      return;
    }
    if (record.fields.length !== width) {
      throw new FormatError(
        file,
        { line: record.line },
        `${width} fields as in the header, found ${record.fields.length}`,
      );
    }
    row.load(record.fields, record.line);
    onRow(row);
    rows += 1;
    if (rows % PROGRESS_EVERY === 0) {
      control.signal?.throwIfAborted();
      control.onProgress?.({ table: file, rows });
    }
  });
  if (records === 0) throw new FormatError(file, { line: 1 }, 'a header line naming the columns, found an empty file');
  control.onProgress?.({ table: file, rows });
  return rows;
}

function headerPositions<C extends string>(
  file: string,
  header: readonly string[],
  line: number,
  columns: readonly C[],
): Map<C, number> {
  const names = header.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim().toUpperCase());
  const positions = new Map<C, number>();
  for (const column of columns) {
    const position = names.indexOf(column.toUpperCase());
    if (position === -1) {
      throw new FormatError(
        file,
        { line },
        `missing required column ${column} in the header line (it has ${names.join(', ')})`,
      );
    }
    positions.set(column, position);
  }
  return positions;
}
