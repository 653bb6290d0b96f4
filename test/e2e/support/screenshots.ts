import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const resultsDir = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));
const docsDir = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** A screenshot in test-results/, and in docs/ (for the README) when UPDATE_SCREENSHOTS=1. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: `${resultsDir}${name}.png` });
  if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(`${resultsDir}${name}.png`, `${docsDir}${name}.png`);
}
