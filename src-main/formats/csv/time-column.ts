/**
 * The time column: seconds (or milliseconds, by its unit) or ISO 8601 date-times. ISO times
 * become seconds after the first row's whole second, so differences keep sub-microsecond
 * precision instead of passing through 1.7e9-second epoch values.
 */
export type TimeKind = 'seconds' | 'iso';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;
const SECONDS_PER_UNIT: Readonly<Record<string, number>> = { '': 1, s: 1, sec: 1, seconds: 1, ms: 0.001 };

export function secondsPerUnit(unit: string): number | undefined {
  return SECONDS_PER_UNIT[unit.toLowerCase()];
}

export class TimeColumn {
  private baseS: number | null = null;

  constructor(
    readonly kind: TimeKind,
    private readonly secondsPerValue: number,
  ) {}

  /** The kind a first time cell shows, or null when it is neither. */
  static kindOf(cell: string): TimeKind | null {
    const text = cell.trim();
    if (DECIMAL.test(text)) return 'seconds';
    return isoParts(text) === null ? null : 'iso';
  }

  /** Seconds for one cell, or undefined when it is not a time of this column's kind. */
  seconds(cell: string): number | undefined {
    const text = cell.trim();
    if (this.kind === 'seconds') {
      const value = DECIMAL.test(text) ? Number(text) * this.secondsPerValue : Number.NaN;
      return Number.isFinite(value) ? value : undefined;
    }
    const parts = isoParts(text);
    if (parts === null) return undefined;
    this.baseS ??= parts.wholeS;
    return parts.wholeS - this.baseS + parts.fractionS;
  }
}

function isoParts(text: string): { wholeS: number; fractionS: number } | null {
  const match = ISO.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = ''] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second));
  const calendar = date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  if (!calendar || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const zoneMatch = /^([+-])(\d\d):?(\d\d)$/.exec(zone);
  const zoneS =
    zoneMatch === null
      ? 0
      : (zoneMatch[1] === '-' ? -1 : 1) * (Number(zoneMatch[2]) * 3600 + Number(zoneMatch[3]) * 60);
  return { wholeS: date.getTime() / 1000 - zoneS, fractionS: fraction === '' ? 0 : Number(`0${fraction}`) };
}

/**
 * Checks, one row at a time and in constant memory, that the times are evenly spaced: some
 * period T must put every row within `tolerance` × T of its slot, t₀ + i·T. Each row narrows
 * the interval of such T; an empty interval means the times are not uniform.
 */
export class UniformTimes {
  private firstS = 0;
  private previousS = Number.NEGATIVE_INFINITY;
  private rows = 0;
  private lowestPeriod = 0;
  private highestPeriod = Number.POSITIVE_INFINITY;

  constructor(private readonly tolerance: number) {}

  /** Adds the next row's time; returns what is wrong with it, or null. */
  add(timeS: number): string | null {
    if (!(timeS > this.previousS)) return 'a time later than the row before';
    this.previousS = timeS;
    const row = this.rows++;
    if (row === 0) {
      this.firstS = timeS;
      return null;
    }
    const elapsed = timeS - this.firstS;
    this.lowestPeriod = Math.max(this.lowestPeriod, elapsed / (row + this.tolerance));
    this.highestPeriod = Math.min(this.highestPeriod, elapsed / (row - this.tolerance));
    return this.lowestPeriod <= this.highestPeriod ? null : 'evenly spaced times';
  }

  get count(): number {
    return this.rows;
  }

  get startS(): number {
    return this.firstS;
  }

  /** The sampling rate, rounded to the fewest decimals whose period still fits every row. */
  rateHz(): number {
    const span = (this.previousS - this.firstS) / (this.rows - 1);
    const period = Math.min(this.highestPeriod, Math.max(this.lowestPeriod, span));
    for (const decimals of [0, 1, 2, 3, 6]) {
      const factor = 10 ** decimals;
      const rate = Math.round(factor / period) / factor;
      if (rate > 0 && 1 / rate >= this.lowestPeriod && 1 / rate <= this.highestPeriod) return rate;
    }
    return 1 / period;
  }
}
