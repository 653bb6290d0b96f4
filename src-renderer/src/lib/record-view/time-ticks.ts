/** Tick steps a clock reader expects: fractions of a second up to hours. */
const STEPS_SEC = [
  0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

export interface TimeTick {
  seconds: number;
  x: number;
}

/** The finest step whose ticks stay at least `minSpacingPx` apart. */
export function tickStep(pxPerSec: number, minSpacingPx: number): number {
  return STEPS_SEC.find((step) => step * pxPerSec >= minSpacingPx) ?? (STEPS_SEC.at(-1) as number);
}

/** Ticks on whole multiples of the step, from `startSec` across `widthPx`. */
export function timeTicks(startSec: number, widthPx: number, pxPerSec: number, minSpacingPx = 90): TimeTick[] {
  const step = tickStep(pxPerSec, minSpacingPx);
  const ticks: TimeTick[] = [];
  const endSec = startSec + widthPx / pxPerSec;
  for (let k = Math.ceil(startSec / step - 1e-9); k * step <= endSec; k++) {
    const seconds = k * step;
    ticks.push({ seconds, x: (seconds - startSec) * pxPerSec });
  }
  return ticks;
}

/** Decimals a tick label needs for its step: 0.04 s → 2, 0.5 s → 1, whole seconds → 0. */
export function tickDecimals(step: number): number {
  if (step >= 1) return 0;
  return step >= 0.1 ? 1 : 2;
}
