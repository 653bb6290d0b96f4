import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EcgView } from '../../lib/record-view/ecg-view.svelte';
import { TestReader, twoLeadRecord } from '../../lib/record-view/test-fixtures';
import TimeNavigator from './TimeNavigator.svelte';

function setUp(): EcgView {
  const view = new EcgView(new TestReader(), twoLeadRecord, { recordId: 1 }, 4);
  view.resize(1000, 620);
  render(TimeNavigator, { view });
  return view;
}

describe('TimeNavigator', () => {
  it('shows the window and goes to a typed time', async () => {
    const view = setUp();
    expect(screen.getByTestId('window-shown')).toHaveTextContent('0:00:00.0 – 0:00:10.0');
    await userEvent.type(screen.getByRole('textbox', { name: 'Go to time (h:mm:ss)' }), '12:30{Enter}');
    expect(view.startSec).toBe(750);
    expect(screen.getByTestId('window-shown')).toHaveTextContent('0:12:30.0 – 0:12:40.0');
  });

  it('refuses a time that is not in the record', async () => {
    const view = setUp();
    const field = screen.getByRole('textbox', { name: 'Go to time (h:mm:ss)' });
    await userEvent.type(field, '2:00:00{Enter}');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(view.startSec).toBe(0);
  });

  it('zooms along the paper speeds', async () => {
    setUp();
    await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(screen.getByTestId('paper-speed')).toHaveTextContent('50 mm/s');
    await userEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    await userEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(screen.getByTestId('paper-speed')).toHaveTextContent('12.5 mm/s');
    await userEvent.click(screen.getByRole('button', { name: 'Whole record' }));
    expect(screen.getByTestId('window-shown')).toHaveTextContent('0:00:00 – 0:30:00');
  });
});
