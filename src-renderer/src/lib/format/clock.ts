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
