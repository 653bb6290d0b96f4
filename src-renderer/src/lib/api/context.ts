import { getContext } from 'svelte';
import type { ApiClient } from './api-client';

const key = Symbol('api-client');

/** The context to mount the app with, so every view reaches the one client. */
export function apiContext(client: ApiClient): Map<symbol, ApiClient> {
  return new Map([[key, client]]);
}

export function useApi(): ApiClient {
  const client = getContext<ApiClient | undefined>(key);
  if (client === undefined) throw new Error('useApi() called outside the app (no API client in context)');
  return client;
}
