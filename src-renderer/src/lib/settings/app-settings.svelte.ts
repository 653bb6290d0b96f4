import type { Settings } from '$api/contract';

/**
 * The study's settings as the views read them: null until the first read arrives, when views
 * use their own defaults (mV, the red grid, the system theme).
 */
export const appSettings = $state<{ current: Settings | null }>({ current: null });

const systemDark = (): MediaQueryList => matchMedia('(prefers-color-scheme: dark)');

/**
 * Puts the theme and the grid colour on the document, where the stylesheet and the canvases read
 * them. Without settings (not read yet), the system's theme and the red grid.
 */
export function applyDisplaySettings(settings: Settings | null, root: HTMLElement = document.documentElement): void {
  appSettings.current = settings;
  const theme = settings?.theme ?? 'system';
  root.dataset.theme = theme === 'dark' || (theme === 'system' && systemDark().matches) ? 'dark' : 'light';
  root.dataset.grid = settings?.gridColour ?? 'red';
}

/** Follows the system between light and dark while the settings say 'system'; returns the unsubscribe. */
export function followSystemTheme(): () => void {
  const query = systemDark();
  const update = (): void => applyDisplaySettings(appSettings.current);
  query.addEventListener('change', update);
  return () => query.removeEventListener('change', update);
}
