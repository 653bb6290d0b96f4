import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import RecordTable from './RecordTable.svelte';

// jsdom lays nothing out: the table measures its viewport (0 px here) through a ResizeObserver it lacks.
beforeAll(() =>
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  ),
);

const records = [
  {
    id: 1,
    name: '100',
    source: 'wfdb',
    patientId: 'mitdb-100',
    channelCount: 2,
    samplingRateHz: 360,
    sampleCount: 650000,
    durationSec: 650000 / 360,
    annotationCount: 2274,
  },
  {
    id: 2,
    name: 'stay-200001',
    source: 'mimic3',
    patientId: null,
    channelCount: 31,
    samplingRateHz: 1 / 3600,
    sampleCount: 48,
    durationSec: 48 * 3600,
    annotationCount: 0,
  },
];

describe('RecordTable', () => {
  it('shows one row per record with the analyst’s units', () => {
    render(RecordTable, { records });
    const rows = within(screen.getByRole('table', { name: 'Records' })).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const mitdb = within(rows[1] as HTMLElement)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(within(rows[1] as HTMLElement).getByRole('rowheader')).toHaveTextContent('100');
    expect(mitdb).toEqual(['wfdb', 'mitdb-100', '2', '360', '650,000', '0:30:06', '2,274']);
    const icu = within(rows[2] as HTMLElement)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(icu).toEqual(['mimic3', '—', '31', '1/3600', '48', '48:00:00', '0']);
  });

  it('says which column it is sorted on, and asks for the other order on a second click', async () => {
    render(RecordTable, { records, sort: { column: 'name', descending: false } });
    expect(screen.getByRole('columnheader', { name: /Record/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: /Duration/ })).toHaveAttribute('aria-sort', 'none');
    await fireEvent.click(screen.getByRole('button', { name: 'Duration' }));
    expect(screen.getByRole('columnheader', { name: /Duration/ })).toHaveAttribute('aria-sort', 'ascending');
    await fireEvent.click(screen.getByRole('button', { name: 'Duration' }));
    expect(screen.getByRole('columnheader', { name: /Duration/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('opens a record from its name', () => {
    render(RecordTable, { records });
    expect(screen.getByRole('link', { name: 'stay-200001' })).toHaveAttribute('href', '#/record/2');
  });
});
