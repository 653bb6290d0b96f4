import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAllowedRequestUrl, isAppUrl } from './trusted-sender';

describe('trusted senders', () => {
  it("trusts only the app's own origin", () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://renderer/assets/index.js')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://renderer/index.html')).toBe(false);
    expect(isAppUrl('file:///app/renderer/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('lets the session load only app, devtools and data URLs', () => {
    expect(isAllowedRequestUrl('app://renderer/index.html')).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('https://example.org/telemetry')).toBe(false);
    expect(isAllowedRequestUrl('http://127.0.0.1:8080/')).toBe(false);
    expect(isAllowedRequestUrl('ws://127.0.0.1:8080/api')).toBe(false);
  });

  it('lets through the origins given, compared whole: scheme, host and port', () => {
    const allowed = ['https://updates.example.internal'];
    expect(isAllowedRequestUrl('https://updates.example.internal/salience/latest.yml', allowed)).toBe(true);
    expect(isAllowedRequestUrl('https://updates.example.internal:443/salience/latest.yml', allowed)).toBe(true);
    expect(isAllowedRequestUrl('app://renderer/index.html', allowed)).toBe(true);
    for (const url of [
      'http://updates.example.internal/salience/latest.yml',
      'https://updates.example.internal:8443/latest.yml',
      'wss://updates.example.internal/',
      'https://updates.example.internal.evil.example/latest.yml',
      'https://updates.example.internal@evil.example/latest.yml',
      'https://xupdates.example.internal/latest.yml',
      'https://example.org/telemetry',
      'not a url',
    ]) {
      expect(isAllowedRequestUrl(url, allowed), url).toBe(false);
    }
    expect(isAllowedRequestUrl('https://updates.example.internal/salience/latest.yml')).toBe(false);
  });
});
