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
    tones: {
      normal: read('--beat-normal'),
      ventricular: read('--beat-ventricular'),
      supraventricular: read('--beat-supraventricular'),
      rhythm: read('--beat-rhythm'),
      other: read('--beat-other'),
    },
  };
}

/** Calls `onChange` when the system switches between light and dark; returns the unsubscribe. */
export function onThemeChange(onChange: () => void): () => void {
  const query = matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
