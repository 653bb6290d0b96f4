import { AppError } from '../errors';

/** A generic-provider update feed (electron-updater reads `latest*.yml` under `url`). */
export interface UpdateFeed {
  provider: 'generic';
  url: string;
  /** The one origin the app's sessions may reach besides its own files. */
  origin: string;
}

/**
 * The feed the `updateServer` setting names, or null when it names none (updates off: nothing
 * is checked and nothing leaves the machine). Only a plain https URL of a server: the contract
 * checks the scheme on save, but a stored value is checked again here because the study file
 * is not to be trusted, and user names, passwords, queries and fragments have no place in a feed.
 */
export function updateFeedOf(updateServer: string | null): UpdateFeed | null {
  if (updateServer === null) return null;
  const refuse = (expected: string): AppError =>
    new AppError('bad-input', `Setting updateServer: '${updateServer}' is not ${expected}; updates stay off`);
  let url: URL;
  try {
    url = new URL(updateServer);
  } catch {
    throw refuse('a URL');
  }
  if (url.protocol !== 'https:') throw refuse('an https:// URL');
  if (url.username !== '' || url.password !== '') throw refuse('a URL without a user name or password');
  if (url.search !== '' || url.hash !== '') throw refuse('a URL without a query or fragment');
  return { provider: 'generic', url: url.href, origin: url.origin };
}

/** The origins the sessions' request filter lets through besides the app's own: the feed's, if any. */
export function allowedOrigins(feed: UpdateFeed | null): string[] {
  return feed === null ? [] : [feed.origin];
}
