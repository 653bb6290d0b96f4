import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EcgView } from '../../lib/record-view/ecg-view.svelte';
import { beatAt, TestReader, twoLeadRecord } from '../../lib/record-view/test-fixtures';
import AnnotationFinder from './AnnotationFinder.svelte';

describe('AnnotationFinder', () => {
  it('offers the labels with their counts and walks through the chosen one', async () => {
    const reader = new TestReader();
    reader.annotations = [beatAt(1, 'N'), beatAt(30, 'V'), beatAt(60, 'A'), beatAt(90, 'N'), beatAt(120, 'N')];
    const view = new EcgView(reader, twoLeadRecord, { recordId: 1 }, 4);
    view.resize(1000, 620);
    view.frameDrawn(true);
    await reader.release();
    render(AnnotationFinder, { view });
    const options = screen.getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual(['N (3)', 'V (1)', 'A (1)']);
    expect(screen.getByRole('combobox', { name: 'Annotation' })).toHaveValue('V');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Annotation' }), 'A');
    await userEvent.click(screen.getByRole('button', { name: 'Next A annotation' }));
    expect(view.startSec).toBe(55);
    await userEvent.click(screen.getByRole('button', { name: 'Next A annotation' }));
    expect(view.startSec).toBe(55);
    expect(screen.getByText('No later A')).toBeInTheDocument();
  });
});
