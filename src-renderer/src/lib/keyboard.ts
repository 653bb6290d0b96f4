/**
 * Whether a key press belongs to something else: a field being typed in, or a dialog, whose
 * keys (Esc, Tab, arrows in a list) must not move the record underneath.
 */
export function keyBelongsElsewhere(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof Element)) return false;
  if (target.closest('dialog') !== null) return true;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}
