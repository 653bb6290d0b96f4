/**
 * The calibrated ECG paper every report draws on: 25 mm/s and 10 mm/mV on a 1 mm / 5 mm grid.
 * Figures are laid out in millimetres; each renderer scales millimetres to its own unit once.
 */
export const MM_PER_SECOND = 25;
export const MM_PER_MILLIVOLT = 10;
export const MINOR_GRID_MM = 1;
export const MAJOR_GRID_MM = 5;

/** PDF points per millimetre: a point is 1/72 inch and an inch 25.4 mm, exactly. */
export const POINTS_PER_MM = 72 / 25.4;

export function secondsToMm(seconds: number): number {
  return seconds * MM_PER_SECOND;
}

export function millivoltsToMm(millivolts: number): number {
  return millivolts * MM_PER_MILLIVOLT;
}

export function mmToPoints(mm: number): number {
  return mm * POINTS_PER_MM;
}

/** Millivolts per unit for the voltage units records use; null for anything else (mmHg, bpm, …). */
export function millivoltsPerUnit(units: string): number | null {
  const factors: Readonly<Record<string, number>> = { mv: 1, uv: 1e-3, µv: 1e-3, μv: 1e-3, v: 1e3, nv: 1e-6 };
  return factors[units.trim().toLowerCase()] ?? null;
}

/** Grid line positions from 0 to `length` mm, each marked major (every 5 mm) or minor. */
export function gridLines(length: number): { at: number; major: boolean }[] {
  const lines: { at: number; major: boolean }[] = [];
  for (let i = 0; i * MINOR_GRID_MM <= length + 1e-9; i++) {
    lines.push({ at: i * MINOR_GRID_MM, major: (i * MINOR_GRID_MM) % MAJOR_GRID_MM === 0 });
  }
  return lines;
}
