import { FormatError } from '../format-error';
import { parseNumberCell, splitCsvLine } from './csv-cells';
import type { TextLine } from './line-reader';
import type { TimeColumn } from './time-column';

/** One data row at a time into a values array, naming the line and column of a bad cell. */
export class RowParser {
  private readonly cells: string[] = [];

  constructor(
    private readonly file: string,
    private readonly headers: readonly string[],
    private readonly time: TimeColumn,
  ) {}

  get channelCount(): number {
    return this.headers.length - 1;
  }

  /** Writes channel c of `row` to `values[offset + c * stride]` and returns the row's time in seconds. */
  parse(row: TextLine, values: Float64Array, offset: number, stride: number): number {
    const { cells, headers } = this;
    const unclosed = splitCsvLine(row.text, cells);
    if (unclosed > 0) throw this.error(row, unclosed, 'a closing quote');
    if (cells.length !== headers.length) {
      throw this.error(
        row,
        Math.min(cells.length, headers.length) + 1,
        `${headers.length} columns, found ${cells.length}`,
      );
    }
    const timeS = this.time.seconds(cells[0] ?? '');
    if (timeS === undefined) {
      const expected = this.time.kind === 'iso' ? 'an ISO 8601 time' : 'a time in seconds';
      throw this.error(row, 1, `${expected}, found "${cells[0] ?? ''}"`);
    }
    for (let column = 1; column < cells.length; column++) {
      const cell = cells[column] ?? '';
      const value = parseNumberCell(cell);
      if (value === undefined) {
        const where = `column "${headers[column] ?? ''}"`;
        throw this.error(row, column + 1, `a number, an empty cell or NaN in ${where}, found "${cell}"`);
      }
      values[offset + (column - 1) * stride] = value;
    }
    return timeS;
  }

  private error(row: TextLine, column: number, expected: string): FormatError {
    return new FormatError(this.file, { line: row.line, column }, `expected ${expected}`);
  }
}
