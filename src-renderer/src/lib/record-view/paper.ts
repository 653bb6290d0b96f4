/**
 * ECG paper: a 1 mm grid with a heavier line every 5 mm, on which a calibrated trace runs at
 * 25 mm/s and 10 mm/mV. Millimetres become pixels through the screen's pixels per millimetre.
 */

/** CSS pixels are 1/96 inch by definition; real screens differ, which calibration corrects. */
export const NOMINAL_PX_PER_MM = 96 / 25.4;
export const STANDARD_SPEED_MM_PER_SEC = 25;
export const STANDARD_GAIN_MM_PER_MV = 10;
const MAJOR_EVERY_MM = 5;
/** Lines closer than this turn the paper into a grey wash, so they are left out. */
const MIN_LINE_SPACING_PX = 3;

/** The calibrated pixels per millimetre when the analyst measured the screen, else the nominal value. */
export function pixelsPerMm(calibrated: number | null): number {
  return calibrated !== null && Number.isFinite(calibrated) && calibrated > 0 ? calibrated : NOMINAL_PX_PER_MM;
}

export interface GridLines {
  /** Positions in pixels from the start of the span. */
  minor: number[];
  major: number[];
}

/**
 * The grid lines crossing a span `lengthPx` long whose start lies `offsetMm` into the paper.
 * Lines sit on whole millimetres of the paper, so the grid moves with the trace when it pans.
 */
export function paperLines(offsetMm: number, lengthPx: number, pxPerMm: number): GridLines {
  const lines: GridLines = { minor: [], major: [] };
  if (pxPerMm * MAJOR_EVERY_MM < MIN_LINE_SPACING_PX) return lines;
  const withMinor = pxPerMm >= MIN_LINE_SPACING_PX;
  const first = Math.ceil(offsetMm);
  const last = Math.floor(offsetMm + lengthPx / pxPerMm);
  for (let mm = first; mm <= last; mm++) {
    const at = (mm - offsetMm) * pxPerMm;
    if (mm % MAJOR_EVERY_MM === 0) lines.major.push(at);
    else if (withMinor) lines.minor.push(at);
  }
  return lines;
}

/** Physical units of a voltage, as millivolts per unit; null for anything else (mmHg, bpm, %). */
export function millivoltsPerUnit(units: string): number | null {
  switch (units.trim()) {
    case 'mV':
      return 1;
    case 'uV':
    case 'µV':
    case 'μV':
      return 0.001;
    case 'V':
      return 1000;
    default:
      return null;
  }
}

/** A lane's gain as the analyst reads it: "10 mm/mV", or per unit for other signals. */
export function gainLabel(mmPerUnit: number, units: string): string {
  const perMv = millivoltsPerUnit(units);
  const value = perMv === null ? mmPerUnit : mmPerUnit / perMv;
  return `${formatSignificant(value)} mm/${perMv === null ? units || 'unit' : 'mV'}`;
}

/** Speed as printed on ECG strips: "25 mm/s", "6.25 mm/s", "0.0139 mm/s". */
export function speedLabel(mmPerSec: number): string {
  return `${formatSignificant(mmPerSec)} mm/s`;
}

function formatSignificant(value: number): string {
  if (value >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}
