import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EcgView } from '../../lib/record-view/ecg-view.svelte';
import { TestReader, twoLeadRecord } from '../../lib/record-view/test-fixtures';
import LaneLabels from './LaneLabels.svelte';

describe('LaneLabels', () => {
  it('names each lane with its units and gain, and changes one lane’s gain', async () => {
    const view = new EcgView(new TestReader(), twoLeadRecord, { recordId: 1 }, 4);
    view.resize(1000, 620);
    render(LaneLabels, { view });
    expect(screen.getByRole('group', { name: 'Lead MLII' })).toHaveTextContent('MLII');
    expect(screen.getByRole('group', { name: 'Lead V5' })).toHaveTextContent('mV');
    expect(screen.getByTestId('gain-V5')).toHaveTextContent('10 mm/mV');
    await userEvent.click(screen.getByRole('button', { name: 'Raise the gain of V5' }));
    expect(screen.getByTestId('gain-V5')).toHaveTextContent('20 mm/mV');
    expect(screen.getByTestId('gain-MLII')).toHaveTextContent('10 mm/mV');
    await userEvent.click(screen.getByRole('button', { name: 'Lower the gain of MLII' }));
    expect(screen.getByTestId('gain-MLII')).toHaveTextContent('5 mm/mV');
  });
});
