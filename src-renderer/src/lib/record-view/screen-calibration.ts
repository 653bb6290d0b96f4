import { pixelsPerMm } from './paper';

const STORAGE_KEY = 'salience.screen.pxPerMm';

/**
 * Browsers do not reveal a screen's physical size, so the analyst measures it once: the value
 * stays on this computer (local storage) and every record view uses it.
 */
export function savedPixelsPerMm(): number {
  const stored = localStorage.getItem(STORAGE_KEY);
  return pixelsPerMm(stored === null ? null : Number(stored));
}

export function isCalibrated(): boolean {
  return localStorage.getItem(STORAGE_KEY) !== null;
}

/** Saves a measurement; null forgets it (back to 96 CSS pixels per inch). */
export function saveCalibration(pxPerMm: number | null): number {
  if (pxPerMm === null) localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, String(pxPerMm));
  return savedPixelsPerMm();
}

/** A ruler on the screen shows `shownMm` (by the current scale) but measures `measuredMm`. */
export function calibrationFrom(currentPxPerMm: number, shownMm: number, measuredMm: number): number | null {
  if (!(measuredMm > 0) || !(shownMm > 0)) return null;
  return (currentPxPerMm * shownMm) / measuredMm;
}
