import type { ActionReturn } from 'svelte/action';

/**
 * Shows a `<dialog>` modally while `open` is true; the dialog's own close (Esc, a
 * `method="dialog"` form) reports back through `onClosed`, so the owner's flag stays true to it.
 */
export function modalDialog(
  dialog: HTMLDialogElement,
  params: { open: boolean; onClosed: () => void },
): ActionReturn<{ open: boolean; onClosed: () => void }> {
  let current = params;
  const closed = (): void => current.onClosed();
  dialog.addEventListener('close', closed);
  function sync(): void {
    if (current.open && !dialog.open) dialog.showModal();
    else if (!current.open && dialog.open) dialog.close();
  }
  sync();
  return {
    update(next) {
      current = next;
      sync();
    },
    destroy() {
      dialog.removeEventListener('close', closed);
    },
  };
}
