import { describe, expect, it } from 'vitest';
import { channelNoun, timeSpanText } from './record-axis';
import { featureRecord, HOURLY, twoLeadRecord } from './test-fixtures';

describe('a record’s axis in words', () => {
  it('names an ICU stay’s channels features and an ECG’s leads', () => {
    expect(channelNoun(featureRecord([HOURLY, HOURLY]))).toBe('feature');
    expect(channelNoun(twoLeadRecord)).toBe('lead');
  });

  it('states an ICU span in hours from admission', () => {
    const stay = featureRecord([HOURLY]);
    expect(timeSpanText(stay, 12 * 3600, 14 * 3600)).toBe('12–14 h');
    expect(timeSpanText(stay, 0, 48 * 3600, true)).toBe('0–48 h');
    expect(timeSpanText(stay, 1800, 5400)).toBe('0.5–1.5 h');
  });

  it('states an ECG span on its clock, the end shortened for tables', () => {
    expect(timeSpanText(twoLeadRecord, 101, 101.1)).toBe('0:01:41.00–0:01:41.10');
    expect(timeSpanText(twoLeadRecord, 101, 101.1, true)).toBe('0:01:41.00–41.10');
  });
});
