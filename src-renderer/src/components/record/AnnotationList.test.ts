import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { openTestEditor } from '../../lib/annotations/test-study';
import { RATE } from '../../lib/record-view/test-fixtures';
import AnnotationList from './AnnotationList.svelte';

describe('AnnotationList', () => {
  it('filters the record’s annotations by label, author and source, and jumps to one', async () => {
    const { editor, view } = await openTestEditor();
    await editor.create({ sample: 600 * RATE, endSample: 610 * RATE, channel: 1 });
    await editor.setNote('noisy');
    render(AnnotationList, { view, editor });
    const rows = (): string[] =>
      within(screen.getByRole('list', { name: 'Matching annotations' }))
        .getAllByRole('button')
        .map((row) => row.textContent.replace(/\s+/g, ' ').trim());
    expect(rows()).toHaveLength(3);

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Source' }), 'analyst');
    expect(rows()).toEqual(['0:10:00.00–0:10:10.00 N V5 noisy ana · analyst']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Source' }), '');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Author' }), 'test');
    expect(rows()).toHaveLength(2);
    expect(screen.getByText('2 annotations')).toBeInTheDocument();

    editor.select(null);
    await userEvent.click(screen.getAllByRole('button', { name: /0:00:05\.00/ })[0] as HTMLElement);
    expect(editor.selected?.sample).toBe(5 * RATE);
    expect(view.startSec).toBe(0);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Author' }), '');
    await userEvent.click(screen.getByRole('button', { name: /noisy/ }));
    expect(view.startSec).toBe(595);
    expect(screen.getByRole('button', { name: /noisy/ })).toHaveAttribute('aria-current', 'true');
  });
});
