import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The compare dialog of two methods, once its numbers are in: the pair's top-k IoU in [0, 1] and
 * Spearman ρ in [−1, 1], a deletion and an insertion curve per method.
 */
export async function expectTwoMethodsCompared(dialog: Locator, timeout: number): Promise<void> {
  const agreement = dialog.getByRole('table', { name: 'Agreement' });
  await agreement.waitFor({ timeout });
  const cells = agreement.getByRole('row').nth(1).getByRole('cell');
  const iou = Number(await cells.nth(0).textContent());
  const rho = Number(await cells.nth(1).textContent());
  expect(iou).toBeGreaterThanOrEqual(0);
  expect(iou).toBeLessThanOrEqual(1);
  expect(Math.abs(rho)).toBeLessThanOrEqual(1);
  await expect(dialog.getByRole('img', { name: 'Deletion curve' }).count()).resolves.toBe(2);
  await expect(dialog.getByRole('img', { name: 'Insertion curve' }).count()).resolves.toBe(2);
}
