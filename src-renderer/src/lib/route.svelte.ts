import { parseRoute, recordHash, type RecordPlace, type Route } from './record-view/place';

/** The view the address bar names; Back, Forward and reload all go through it. */
export const current = $state<{ route: Route }>({ route: parseRoute(location.hash) });

addEventListener('hashchange', () => {
  current.route = parseRoute(location.hash);
});

/**
 * Keeps the place in the address bar without a history entry per pan (Back still leaves the
 * record) and without a hashchange, so the open view is not rebuilt.
 */
export function rememberPlace(place: RecordPlace): void {
  const hash = recordHash(place);
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}
