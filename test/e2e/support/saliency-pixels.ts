import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-globals';

/**
 * Pixels of a canvas (the first matching `selector`) in the saliency palettes' strong colours:
 * the diverging palette's red and blue ends (the paper grid's pink is far less saturated).
 */
export function saliencyPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((query) => {
    const canvas = (globalThis as unknown as PageGlobals).document.querySelector(query);
    const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
      if (r - g > 90 && r - b > 90 && g < 150) count++;
      else if (b - r > 90) count++;
    }
    return count;
  }, selector);
}
