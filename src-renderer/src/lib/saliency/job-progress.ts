/** "about 12 s left", "about 3 min left"; nothing while the queue has no estimate yet. */
export function timeLeft(etaSec: number | null): string {
  if (etaSec === null || !Number.isFinite(etaSec)) return '';
  if (etaSec < 1) return 'almost done';
  if (etaSec < 90) return `about ${Math.round(etaSec)} s left`;
  return `about ${Math.round(etaSec / 60)} min left`;
}
