import { afterEach, describe, expect, it } from 'vitest';
import { current, rememberPlace } from './route.svelte';

function hashChanged(): Promise<void> {
  return new Promise((resolve) => addEventListener('hashchange', () => resolve(), { once: true }));
}

afterEach(() => history.replaceState(null, '', '#/'));

describe('the route', () => {
  it('follows the address bar', async () => {
    const changed = hashChanged();
    location.hash = '#/record/3?t=12';
    await changed;
    expect(current.route).toEqual({ view: 'record', recordId: 3, startSec: 12 });
  });

  it('remembers the place of the record the address names', () => {
    history.replaceState(null, '', '#/record/1');
    rememberPlace({ recordId: 1, startSec: 5, mmPerSec: 50 });
    expect(location.hash).toBe('#/record/1?t=5&speed=50');
  });

  it('leaves the address alone once the analyst has gone elsewhere', () => {
    history.replaceState(null, '', '#/');
    rememberPlace({ recordId: 1, startSec: 5 });
    expect(location.hash).toBe('#/');
    history.replaceState(null, '', '#/record/2');
    rememberPlace({ recordId: 1, startSec: 5 });
    expect(location.hash).toBe('#/record/2');
  });
});
