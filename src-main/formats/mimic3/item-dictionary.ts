import { streamTable, type TableReadControl } from './table-stream';

/**
 * LABEL of each wanted ITEMID from D_ITEMS and/or D_LABITEMS (files that are absent are
 * skipped: the dictionaries only name things, the dataset does not depend on them).
 */
export async function readItemLabels(
  files: readonly (string | undefined)[],
  itemIds: ReadonlySet<number>,
  control: TableReadControl = {},
): Promise<Map<number, string>> {
  const labels = new Map<number, string>();
  for (const file of files) {
    if (file === undefined) continue;
    await streamTable(
      file,
      ['ITEMID', 'LABEL'],
      (row) => {
        const itemId = row.integer('ITEMID');
        const label = row.text('LABEL');
        if (itemIds.has(itemId) && label !== null) labels.set(itemId, label);
      },
      control,
    );
  }
  return labels;
}
