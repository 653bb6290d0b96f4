/** EDF dates and times: the header's `dd.mm.yy` / `hh.mm.ss`, EDF+'s `dd-MMM-yyyy`, and ISO 8601. */

export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * `dd.mm.yy` with the EDF century rule (85–99 → 19yy, 00–84 → 20yy). `year` is null when the
 * field holds the letters `yy`, which EDF+ writes after 2084 and puts the year in the recording field.
 */
export function parseHeaderDate(text: string): { day: number; month: number; year: number | null } | null {
  const match = /^(\d\d)[.:](\d\d)[.:](\d\d|yy)$/i.exec(text);
  if (match === null) return null;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const yy = match[3] ?? '';
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (yy.toLowerCase() === 'yy') return { day, month, year: null };
  const twoDigits = Number(yy);
  return { day, month, year: twoDigits >= 85 ? 1900 + twoDigits : 2000 + twoDigits };
}

export function parseHeaderTime(text: string): { hour: number; minute: number; second: number } | null {
  const match = /^(\d\d)[.:](\d\d)[.:](\d\d)$/.exec(text);
  if (match === null) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3]);
  return hour < 24 && minute < 60 && second < 60 ? { hour, minute, second } : null;
}

/** EDF+ `30-JUN-1969` → `1969-06-30`; null for `X` or anything that is not such a date. */
export function parseEdfPlusDate(text: string): string | null {
  const match = /^(\d\d)-([A-Za-z]{3})-(\d{4})$/.exec(text);
  if (match === null) return null;
  const month = MONTHS.indexOf((match[2] ?? '').toUpperCase()) + 1;
  const iso = `${match[3] ?? ''}-${String(month).padStart(2, '0')}-${match[1] ?? ''}`;
  return month > 0 && isCalendarDate(Number(match[3]), month, Number(match[1])) ? iso : null;
}

/** `1969-06-30` → EDF+ `30-JUN-1969`. */
export function formatEdfPlusDate(year: number, month: number, day: number): string {
  return `${String(day).padStart(2, '0')}-${MONTHS[month - 1] ?? 'X'}-${String(year).padStart(4, '0')}`;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * ISO 8601 local time (no zone: EDF times are the recording site's clock) of `start` shifted by a
 * TAL onset such as `+0.3945312`. The fraction's digits are kept as written, so a sub-second
 * start survives exactly instead of through a float. Null when the result is not a representable date.
 */
export function shiftedIsoTime(start: CivilDateTime, offset: string): string | null {
  const match = /^([+-])(\d+)(?:\.(\d*))?$/.exec(offset);
  if (match === null) return null;
  let whole = Number(match[2]);
  let fraction = (match[3] ?? '').replace(/0+$/, '');
  if (match[1] === '-') {
    if (fraction !== '') {
      whole += 1;
      fraction = (10n ** BigInt(fraction.length) - BigInt(fraction)).toString().padStart(fraction.length, '0');
    }
    whole = -whole;
  }
  const date = new Date(0);
  date.setUTCFullYear(start.year, start.month - 1, start.day);
  date.setUTCHours(start.hour, start.minute, start.second + whole, 0);
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString().slice(0, -5);
  return fraction === '' ? iso : `${iso}.${fraction}`;
}
