/**
 * Cell syntax of the MIMIC-III CSV tables. Each parser returns null when the text does not
 * match, so the caller can say which file, line and column was wrong.
 */

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function parseInteger(text: string): number | null {
  if (!INTEGER.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

export function parseDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) : null;
}

/**
 * MIMIC times (`YYYY-MM-DD HH:MM:SS`, shifted into 2100–2200, no time zone) as epoch
 * milliseconds, reading the wall clock as UTC so that arithmetic never meets a DST jump.
 */
export function parseMimicTime(text: string): number | null {
  const match = TIME.exec(text);
  if (match === null) return null;
  const parts = match.slice(1, 7) as (string | undefined)[];
  const [year, month, day, hour, minute, second] = parts.map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC maps years 0–99 onto the 1900s; MIMIC years are never that small.
  return Date.UTC(year, month - 1, day, hour, minute, second, Number((match[7] ?? '').padEnd(3, '0')));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

let cachedDay = NaN;
let cachedDate = '';

/** The inverse of parseMimicTime, whole seconds: `YYYY-MM-DD HH:MM:SS`. */
export function formatMimicTime(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  // Event tables write many times of the same day in a row: format each date once.
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  const seconds = Math.floor((epochMs - day * DAY_MS) / 1000);
  return `${cachedDate} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
