import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; SALIENCE_CHROMIUM points elsewhere (e.g. on a developer's Mac). */
export const chromiumPath = process.env.SALIENCE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why the end-to-end tests cannot run here, or null when they can. A missing browser fails
 * the suite unless SALIENCE_SKIP_E2E=1 asks explicitly for a skip.
 */
export function e2eSkipReason(): string | null {
  if (existsSync(chromiumPath)) return null;
  const missing = `Chromium is not installed at ${chromiumPath} (apt-get install chromium, or set SALIENCE_CHROMIUM)`;
  if (process.env.SALIENCE_SKIP_E2E === '1') return `${missing}; skipped because SALIENCE_SKIP_E2E=1`;
  throw new Error(`${missing}. The end-to-end tests need it; set SALIENCE_SKIP_E2E=1 to skip them explicitly.`);
}

/** `extraArgs` are further Chromium switches, e.g. `--host-resolver-rules` to fake a DNS answer. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      ...extraArgs,
    ],
  });
}
