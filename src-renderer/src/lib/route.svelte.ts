import { parseRoute, recordHash, type RecordPlace, type Route } from './record-view/place';

/** The view the address bar names; Back, Forward and reload all go through it. */
export const current = $state<{ route: Route }>({ route: parseRoute(location.hash) });

addEventListener('hashchange', () => {
  current.route = parseRoute(location.hash);
});

/**
 * Keeps the place in the address bar without a history entry per pan (Back still leaves the
 * record) and without a hashchange, so the open view is not rebuilt. Only while the address
 * still names this record: a navigation away may already be under way.
 */
export function rememberPlace(place: RecordPlace): void {
  const shown = parseRoute(location.hash);
  if (shown.view !== 'record' || shown.recordId !== place.recordId) return;
  const hash = recordHash(place);
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}
