import type { AnnotationLabel } from '$api/contract';

/** The MIT labels on keys 1–9 after the study's own: the commonest beats, noise, and atrial fibrillation. */
const DEFAULT_QUICK_LABELS = ['N', 'V', 'A', 'F', 'L', 'R', 'Q', '~', '(AFIB'];

/**
 * The labels on number keys 1–9, as EDFbrowser's user buttons are: the study's own labels first
 * (a study defines them because its analysts use them most), then the defaults the list offers.
 */
export function quickLabels(labels: readonly AnnotationLabel[]): string[] {
  const offered = new Set(labels.map((l) => l.label));
  const own = labels.filter((l) => l.kind === 'study').map((l) => l.label);
  return [...own, ...DEFAULT_QUICK_LABELS.filter((label) => offered.has(label) && !own.includes(label))].slice(0, 9);
}

/** The label a key picks: '1' the first quick label … '9' the ninth; null for any other key. */
export function quickLabelForKey(quick: readonly string[], key: string): string | null {
  return /^[1-9]$/.test(key) ? (quick[Number(key) - 1] ?? null) : null;
}
