import type { ActionReturn } from 'svelte/action';
import type { Surface } from './draw-paper';
import { onThemeChange, readTraceColours, type TraceColours } from './trace-colours';

/**
 * An action that owns a canvas: keeps its backing store at the screen's pixel ratio, reads the
 * theme's colours (again when the system theme changes), and paints synchronously whenever its
 * parameters change, so that the frame an input asks for is drawn in the same task.
 */
export function paintedCanvas<P>(
  paint: (surface: Surface, colours: TraceColours, params: P) => void,
  onResize?: (widthPx: number, heightPx: number) => void,
): (canvas: HTMLCanvasElement, params: P) => ActionReturn<P> {
  return (canvas, initial) => {
    let params = initial;
    const ctx = canvas.getContext('2d');
    let colours = readTraceColours(canvas);
    let width = 0;
    let height = 0;
    let dpr = 1;

    function repaint(): void {
      if (ctx === null || width === 0 || height === 0) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      paint({ ctx, width, height, dpr }, colours, params);
    }

    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box === undefined) return;
      dpr = devicePixelRatio;
      width = box.width;
      height = box.height;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      onResize?.(width, height);
      repaint();
    });
    observer.observe(canvas);
    const stopWatchingTheme = onThemeChange(() => {
      colours = readTraceColours(canvas);
      repaint();
    });

    return {
      update(next: P) {
        params = next;
        repaint();
      },
      destroy() {
        observer.disconnect();
        stopWatchingTheme();
      },
    };
  };
}
