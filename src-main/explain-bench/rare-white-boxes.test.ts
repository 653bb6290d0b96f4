import { describe, expect, it } from 'vitest';
import { tensor, toNumbers } from '../engine';
import { generateBenchmark } from '../datasets/benchmarks';
import { forward } from '../explain';
import { rowsOf } from './bench-data';
import { rareWhiteBoxes } from './rare-white-boxes';

describe('rareWhiteBoxes', () => {
  it.each(['rare-time', 'rare-observation-diffgroups'] as const)(
    '%s: each group box gives the whole white box’s outputs on its rows, for any number of them',
    async (name) => {
      const dataset = generateBenchmark(name, { seed: 3, size: 'quick' });
      const x = tensor('float32', dataset.shape, dataset.x);
      const { whole, groups } = await rareWhiteBoxes(dataset);
      expect(groups.map((g) => g.rows)).toEqual(dataset.salient?.map((b) => b.rows));
      const all = toNumbers(await forward(whole, x));
      const perRow = all.length / dataset.shape[0];
      for (const { rows, box } of groups) {
        const expected = all.slice(rows[0] * perRow, rows[1] * perRow);
        expect(toNumbers(await forward(box, rowsOf(x, rows)))).toEqual(expected);
        // Three of the group's rows alone: the box treats every row of its group alike.
        const three = [rows[0], rows[0] + 3] as const;
        expect(toNumbers(await forward(box, rowsOf(x, three)))).toEqual(expected.slice(0, 3 * perRow));
      }
      expect(all.some((v) => v !== 0)).toBe(true);
    },
  );
});
