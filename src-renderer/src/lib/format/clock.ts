/** A record length as a viewer's clock shows it: h:mm:ss, with milliseconds when under a minute. */
export function clockDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return '—';
  if (totalSeconds < 60) return `${totalSeconds.toFixed(3)} s`;
  const rounded = Math.round(totalSeconds);
  const hours = Math.floor(rounded / 3600);
  const minutes = Math.floor(rounded / 60) % 60;
  const seconds = rounded % 60;
  return `${hours}:${pad2(minutes)}:${pad2(seconds)}`;
}

/** 360 → "360", 0.000277… → "1/3600", 62.5 → "62.5". */
export function samplingRate(hz: number): string {
  if (hz >= 1) return Number.isInteger(hz) ? String(hz) : hz.toFixed(2).replace(/0+$/, '');
  const period = Math.round(1 / hz);
  return Math.abs(1 / period - hz) < 1e-9 ? `1/${period}` : hz.toPrecision(3);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A position in a record as h:mm:ss, with `fractionDigits` decimals of the second. */
export function clockTime(seconds: number, fractionDigits = 0): string {
  const scale = 10 ** fractionDigits;
  const total = Math.round(Math.max(0, seconds) * scale);
  const whole = Math.floor(total / scale);
  const fraction = fractionDigits > 0 ? `.${String(total % scale).padStart(fractionDigits, '0')}` : '';
  return `${Math.floor(whole / 3600)}:${pad2(Math.floor(whole / 60) % 60)}:${pad2(whole % 60)}${fraction}`;
}

/** "1:02:03.5", "2:03", "75.25" (seconds) or "" → seconds; null when it is not a time. */
export function parseClockTime(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length > 3 || parts.some((part) => !/^\d+(\.\d+)?$/.test(part))) return null;
  const numbers = parts.map(Number);
  if (numbers.slice(0, -1).some((n) => !Number.isInteger(n))) return null;
  if (numbers.slice(1).some((n) => n >= 60)) return null;
  return numbers.reduce((total, n) => total * 60 + n, 0);
}
