const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Splits one line into `cells` (cleared first, reused across lines), honouring RFC 4180 quotes:
 * `"a, b"` is one cell and `""` inside quotes is a quote. Returns the 1-based column of a quote
 * that is not closed on the line, or 0 when the line is well formed.
 */
export function splitCsvLine(text: string, cells: string[]): number {
  cells.length = 0;
  for (let at = 0; ;) {
    let quoted = '';
    if (text[at] === '"') {
      const closed = quotedText(text, at);
      if (closed === null) return cells.length + 1;
      [quoted, at] = closed;
    }
    const comma = text.indexOf(',', at);
    cells.push(quoted + text.slice(at, comma === -1 ? text.length : comma));
    if (comma === -1) return 0;
    at = comma + 1;
  }
}

/** The text of the quoted cell opening at `open` and the index after its closing quote; null if unclosed. */
function quotedText(text: string, open: number): [string, number] | null {
  let cell = '';
  for (let from = open + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return null;
    cell += text.slice(from, quote);
    if (text[quote + 1] !== '"') return [cell, quote + 1];
    cell += '"';
    from = quote + 2;
  }
}

/** NaN for an empty or `NaN` cell (a gap), the value of a decimal number, undefined for anything else. */
export function parseNumberCell(cell: string): number | undefined {
  const text = cell.trim();
  if (text === '' || text === 'NaN' || text === 'nan') return Number.NaN;
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
