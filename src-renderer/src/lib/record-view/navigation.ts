import { STANDARD_SPEED_MM_PER_SEC } from './paper';

/** Which part of the record the lanes show: where the window starts and how fast the paper runs. */
export interface Viewport {
  startSec: number;
  mmPerSec: number;
}

/** What a viewport is shown on: the lanes' width and the screen's scale, and the record's length. */
export interface ViewFrame {
  widthPx: number;
  pxPerMm: number;
  durationSec: number;
}

/** 16 × the standard speed: one QRS complex fills a wide window. */
export const MAX_SPEED_MM_PER_SEC = 16 * STANDARD_SPEED_MM_PER_SEC;

export type NavigationAction =
  /** Moves by a fraction of the window: ±0.1 for the arrows, ±1 for PgUp/PgDn. */
  | { kind: 'pan-windows'; windows: number }
  | { kind: 'pan-seconds'; seconds: number }
  | { kind: 'home' }
  | { kind: 'end' }
  /** `steps` along the 25 × 2^k mm/s ladder; the anchor (default: the window's centre) stays put. */
  | { kind: 'zoom-step'; steps: number; anchorSec?: number }
  | { kind: 'zoom-by'; factor: number; anchorSec: number }
  | { kind: 'zoom-standard' }
  | { kind: 'show-whole' }
  | { kind: 'start-at'; seconds: number }
  | { kind: 'centre-on'; seconds: number };

export function pxPerSec(viewport: Viewport, frame: ViewFrame): number {
  return viewport.mmPerSec * frame.pxPerMm;
}

export function windowSec(viewport: Viewport, frame: ViewFrame): number {
  return Math.max(1, frame.widthPx) / pxPerSec(viewport, frame);
}

/** The speed at which the whole record fills the window. */
export function wholeRecordSpeed(frame: ViewFrame): number {
  const speed = Math.max(1, frame.widthPx) / frame.pxPerMm / Math.max(frame.durationSec, 1e-3);
  return Math.min(MAX_SPEED_MM_PER_SEC, speed);
}

/**
 * The slowest speed allowed: the whole record in the window, or 25 mm/s for a record shorter
 * than the window (a 10-second strip stays calibrated, with blank paper after it).
 */
export function minSpeed(frame: ViewFrame): number {
  return Math.min(STANDARD_SPEED_MM_PER_SEC, wholeRecordSpeed(frame));
}

/** Keeps the speed between the whole record and the fastest paper, and the window inside the record. */
export function clampViewport(viewport: Viewport, frame: ViewFrame): Viewport {
  const mmPerSec = Math.min(MAX_SPEED_MM_PER_SEC, Math.max(minSpeed(frame), viewport.mmPerSec));
  const span = windowSec({ startSec: 0, mmPerSec }, frame);
  const latest = Math.max(0, frame.durationSec - span);
  return { mmPerSec, startSec: Math.min(latest, Math.max(0, viewport.startSec)) };
}

export function navigate(viewport: Viewport, action: NavigationAction, frame: ViewFrame): Viewport {
  const span = windowSec(viewport, frame);
  const centre = viewport.startSec + span / 2;
  switch (action.kind) {
    case 'pan-windows':
      return clampViewport({ ...viewport, startSec: viewport.startSec + action.windows * span }, frame);
    case 'pan-seconds':
      return clampViewport({ ...viewport, startSec: viewport.startSec + action.seconds }, frame);
    case 'home':
      return clampViewport({ ...viewport, startSec: 0 }, frame);
    case 'end':
      return clampViewport({ ...viewport, startSec: frame.durationSec }, frame);
    case 'zoom-step':
      return zoomTo(viewport, ladderSpeed(viewport.mmPerSec, action.steps), action.anchorSec ?? centre, frame);
    case 'zoom-by':
      return zoomTo(viewport, viewport.mmPerSec * action.factor, action.anchorSec, frame);
    case 'zoom-standard':
      return zoomTo(viewport, STANDARD_SPEED_MM_PER_SEC, centre, frame);
    case 'show-whole':
      return clampViewport({ startSec: 0, mmPerSec: wholeRecordSpeed(frame) }, frame);
    case 'start-at':
      return clampViewport({ ...viewport, startSec: action.seconds }, frame);
    case 'centre-on':
      return clampViewport({ ...viewport, startSec: action.seconds - span / 2 }, frame);
  }
}

/** Changes speed while the time under `anchorSec` stays under the same pixel. */
function zoomTo(viewport: Viewport, mmPerSec: number, anchorSec: number, frame: ViewFrame): Viewport {
  const clamped = clampViewport({ ...viewport, mmPerSec }, frame).mmPerSec;
  const startSec = anchorSec - (anchorSec - viewport.startSec) * (viewport.mmPerSec / clamped);
  return clampViewport({ startSec, mmPerSec: clamped }, frame);
}

/**
 * The speed `steps` rungs away on the ladder 25 × 2^k mm/s (12.5, 25, 50, …). A speed between
 * rungs (after a wheel zoom) first snaps to the next rung in the direction asked.
 */
export function ladderSpeed(mmPerSec: number, steps: number): number {
  const rung = Math.log2(mmPerSec / STANDARD_SPEED_MM_PER_SEC);
  const nearest = Math.round(rung);
  const onRung = Math.abs(rung - nearest) < 1e-6;
  const from = onRung ? nearest : steps > 0 ? Math.floor(rung) : Math.ceil(rung);
  return STANDARD_SPEED_MM_PER_SEC * 2 ** (from + steps);
}

/** A wheel notch (about 100 px of deltaY) zooms by about 1.2×; pinches send smaller deltas. */
export function wheelZoomFactor(deltaY: number): number {
  return Math.exp(-deltaY * 0.0018);
}
