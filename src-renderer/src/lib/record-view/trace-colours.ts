import type { AnnotationTone } from './annotation-index';

/** The colours the canvases draw with, read from the theme's CSS variables (app.css). */
export interface TraceColours {
  paper: string;
  gridMinor: string;
  gridMajor: string;
  trace: string;
  laneRule: string;
  ruler: string;
  rulerText: string;
  window: string;
  /** Salient segments' outlines and the compare view's cursor. */
  salient: string;
  tones: Record<AnnotationTone, string>;
}

export function readTraceColours(element: Element): TraceColours {
  const style = getComputedStyle(element);
  const read = (name: string): string => style.getPropertyValue(name).trim() || 'gray';
  return {
    paper: read('--paper'),
    gridMinor: read('--grid-minor'),
    gridMajor: read('--grid-major'),
    trace: read('--trace'),
    laneRule: read('--border'),
    ruler: read('--surface'),
    rulerText: read('--muted'),
    window: read('--window'),
    salient: read('--salient'),
    tones: {
      normal: read('--beat-normal'),
      ventricular: read('--beat-ventricular'),
      supraventricular: read('--beat-supraventricular'),
      rhythm: read('--beat-rhythm'),
      other: read('--beat-other'),
    },
  };
}

/**
 * Calls `onChange` when the colours change: the settings switch the theme or the grid colour
 * (attributes on the document element); returns the unsubscribe.
 */
export function onThemeChange(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-grid'] });
  return () => observer.disconnect();
}
