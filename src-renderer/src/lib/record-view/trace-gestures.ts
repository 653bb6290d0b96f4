import type { Action } from 'svelte/action';
import { wheelZoomFactor } from './navigation';

export interface TraceGestureHandlers {
  /** True while a click places a caliper instead of starting a pan. */
  placing: boolean;
  /** Drag: the trace moved `dx` pixels with the pointer. */
  onDrag(dx: number, timeStamp: number): void;
  /** Wheel or pinch: zoom by `factor` around pixel `x`. */
  onZoom(factor: number, x: number, timeStamp: number): void;
  /** Horizontal wheel (or Shift + wheel): pan by `dx` pixels. */
  onScroll(dx: number, timeStamp: number): void;
  onPlace(x: number, y: number): void;
  /** True while a press draws an annotation instead of panning. */
  marking?: boolean;
  /** Annotate mode: the press, each move and the release (or the browser's cancel) of a drawing gesture. */
  onMark?(phase: 'start' | 'move' | 'end' | 'cancel', x: number, y: number): void;
  /** A press and release that did not move the paper (it moved less than a few pixels). */
  onTap?(x: number, y: number): void;
}

const LINE_HEIGHT_PX = 16;
/** A press that moves less than this is a click, not a drag. */
const TAP_PX = 3;

/**
 * Pointer and wheel handling for the lanes: drag to pan (the paper follows the pointer), wheel
 * and trackpad pinch (a wheel with Ctrl) to zoom around the pointer, sideways scroll to pan; in
 * annotate mode a drag draws instead.
 */
export const traceGestures: Action<HTMLElement, TraceGestureHandlers> = (element, initial) => {
  let handlers = initial;
  let lastX: number | null = null;
  let pressedAt: { x: number; y: number } | null = null;
  let marking = false;

  function local(event: MouseEvent): { x: number; y: number } {
    const box = element.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  function down(event: PointerEvent): void {
    // A caliper tip handles its own drag.
    if (event.button !== 0 || (event.target as Element).closest('[role="slider"]') !== null) return;
    const { x, y } = local(event);
    if (handlers.placing) {
      handlers.onPlace(x, y);
      return;
    }
    element.setPointerCapture(event.pointerId);
    pressedAt = { x: event.clientX, y: event.clientY };
    if (handlers.marking === true) {
      marking = true;
      handlers.onMark?.('start', x, y);
      return;
    }
    lastX = event.clientX;
    element.classList.add('dragging');
  }

  function move(event: PointerEvent): void {
    if (marking) {
      const { x, y } = local(event);
      handlers.onMark?.('move', x, y);
      return;
    }
    if (lastX === null) return;
    const dx = event.clientX - lastX;
    lastX = event.clientX;
    if (dx !== 0) handlers.onDrag(dx, event.timeStamp);
  }

  function up(event: PointerEvent): void {
    if (pressedAt === null) return;
    const { x, y } = local(event);
    const tapped = Math.hypot(event.clientX - pressedAt.x, event.clientY - pressedAt.y) < TAP_PX;
    pressedAt = null;
    lastX = null;
    element.releasePointerCapture(event.pointerId);
    element.classList.remove('dragging');
    if (marking) {
      marking = false;
      handlers.onMark?.(event.type === 'pointerup' ? 'end' : 'cancel', x, y);
    } else if (tapped && event.type === 'pointerup') {
      handlers.onTap?.(x, y);
    }
  }

  function wheel(event: WheelEvent): void {
    event.preventDefault();
    const scale = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? LINE_HEIGHT_PX : 1;
    const sideways = event.shiftKey ? event.deltaY : event.deltaX;
    if (!event.ctrlKey && Math.abs(sideways) > Math.abs(event.shiftKey ? 0 : event.deltaY)) {
      handlers.onScroll(sideways * scale, event.timeStamp);
    } else {
      handlers.onZoom(wheelZoomFactor(event.deltaY * scale), local(event).x, event.timeStamp);
    }
  }

  element.addEventListener('pointerdown', down);
  element.addEventListener('pointermove', move);
  element.addEventListener('pointerup', up);
  element.addEventListener('pointercancel', up);
  // Not passive: the page itself must not scroll or zoom under the lanes.
  element.addEventListener('wheel', wheel, { passive: false });
  return {
    update(next: TraceGestureHandlers) {
      handlers = next;
    },
    destroy() {
      element.removeEventListener('pointerdown', down);
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', up);
      element.removeEventListener('pointercancel', up);
      element.removeEventListener('wheel', wheel);
    },
  };
};
