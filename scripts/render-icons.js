// `node scripts/render-icons.js`: renders resources/icon.svg to the PNGs electron-builder packages
// (resources/icons/NxN.png for Linux, resources/icon.png at 1024 px, from which electron-builder
// makes the Windows .ico and the macOS .icns). Run it after changing icon.svg and commit the PNGs.
// Uses Debian's Chromium through playwright-core (SALIENCE_CHROMIUM points to another binary).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const resources = fileURLToPath(new URL('../resources/', import.meta.url));
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.SALIENCE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  mkdirSync(join(resources, 'icons'), { recursive: true });
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    writeFileSync(join(resources, 'icons', `${size}x${size}.png`), png);
    if (size === 1024) writeFileSync(join(resources, 'icon.png'), png);
    await page.close();
  }
  console.log(`rendered ${sizes.join(', ')} px icons into ${resources}`);
} finally {
  await browser.close();
}
