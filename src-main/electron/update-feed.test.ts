import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { allowedOrigins, updateFeedOf } from './update-feed';

describe('updateFeedOf', () => {
  it('reads no setting as no feed and no origin to allow', () => {
    expect(updateFeedOf(null)).toBeNull();
    expect(allowedOrigins(null)).toEqual([]);
  });

  it("takes an https URL as a generic feed, allowing only its server's origin", () => {
    const feed = updateFeedOf('https://updates.example.internal/salience/');
    expect(feed).toEqual({
      provider: 'generic',
      url: 'https://updates.example.internal/salience/',
      origin: 'https://updates.example.internal',
    });
    expect(allowedOrigins(feed)).toEqual(['https://updates.example.internal']);
  });

  it('keeps a port that is not 443 in the origin, and reads host names as the network does', () => {
    expect(updateFeedOf('https://updates.example.internal:8443/app')?.origin).toBe(
      'https://updates.example.internal:8443',
    );
    expect(updateFeedOf('https://updates.example.internal:443/app')?.origin).toBe('https://updates.example.internal');
    expect(updateFeedOf('HTTPS://Updates.Example.Internal/app')).toMatchObject({
      url: 'https://updates.example.internal/app',
      origin: 'https://updates.example.internal',
    });
  });

  it('refuses, naming the setting, anything but a plain https URL', () => {
    const refusals: [string, string][] = [
      ['http://updates.example.internal/', 'an https:// URL'],
      ['ftp://updates.example.internal/', 'an https:// URL'],
      ['file:///srv/updates/', 'an https:// URL'],
      ['https://', 'a URL'],
      ['https://updates example/', 'a URL'],
      ['updates.example.internal', 'a URL'],
      ['https://[::1/', 'a URL'],
      ['https://it:secret@updates.example.internal/', 'a URL without a user name or password'],
      ['https://updates.example.internal/?token=1', 'a URL without a query or fragment'],
      ['https://updates.example.internal/#latest', 'a URL without a query or fragment'],
    ];
    for (const [value, expected] of refusals) {
      let thrown: unknown;
      try {
        updateFeedOf(value);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, value).toBeInstanceOf(AppError);
      expect((thrown as AppError).kind, value).toBe('bad-input');
      expect((thrown as AppError).message, value).toBe(
        `Setting updateServer: '${value}' is not ${expected}; updates stay off`,
      );
    }
  });
});
