import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { openTestEditor } from '../../lib/annotations/test-study';
import { RATE } from '../../lib/record-view/test-fixtures';
import AnnotationBar from './AnnotationBar.svelte';

describe('AnnotationBar', () => {
  it('numbers the quick labels, and picks the label of new annotations from them', async () => {
    const { editor, view } = await openTestEditor();
    await editor.loadLabels();
    render(AnnotationBar, { view, editor });
    const quick = screen.getAllByRole('button', { name: /^Label \d/ }).map((b) => b.getAttribute('aria-label'));
    expect(quick).toEqual(['Label 1: N', 'Label 2: V', 'Label 3: A', 'Label 4: ~', 'Label 5: (AFIB']);
    expect(screen.getByText(/press A to annotate/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Label 3: A' }));
    expect(editor.template).toBe('A');
    expect(screen.getByRole('button', { name: 'Label 3: A' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('edits the selected annotation’s label, note and lead, deletes it, and undoes from its buttons', async () => {
    const { editor, view, study } = await openTestEditor();
    await editor.create({ sample: 2 * RATE, endSample: 3 * RATE, channel: 0 });
    render(AnnotationBar, { view, editor });

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Annotation label' }), 'V');
    await waitFor(() => expect(study.live()[0]?.symbol).toBe('V'));
    await userEvent.type(screen.getByRole('textbox', { name: 'Annotation note' }), 'wide QRS{Enter}');
    await waitFor(() => expect(study.live()[0]?.aux).toBe('wide QRS'));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Annotation lead' }), 'All leads');
    await waitFor(() => expect(study.live()[0]?.channel).toBeNull());
    expect(screen.getByRole('status', { name: 'Annotation status' })).toHaveTextContent(
      'V at 0:00:02.00–0:00:03.00: wide QRS',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(study.live()).toEqual([]));
    expect(screen.queryByRole('combobox', { name: 'Annotation label' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(study.live()).toHaveLength(1));
    expect(screen.getByRole('combobox', { name: 'Annotation label' })).toHaveValue('V');
    expect(screen.getByRole('textbox', { name: 'Annotation note' })).toHaveValue('wide QRS');
  });

  it('adds a study label, which goes on key 1', async () => {
    const { editor, view } = await openTestEditor();
    await editor.loadLabels();
    render(AnnotationBar, { view, editor });
    await editor.addLabel('lead swap', 'arm leads reversed');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Label 1: lead swap' })).toBeInTheDocument());
  });
});
