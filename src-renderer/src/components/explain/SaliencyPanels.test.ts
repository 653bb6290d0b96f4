import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '$api/contract';
import { FakeStudy } from '../../lib/annotations/test-study';
import { AnnotationUndoStack } from '../../lib/annotations/undo-stack';
import { EcgView } from '../../lib/record-view/ecg-view.svelte';
import { featureRecord, HOURLY, TestReader, twoLeadRecord } from '../../lib/record-view/test-fixtures';
import { SaliencyView } from '../../lib/saliency/saliency-view.svelte';
import { explanationMap, explanationSummary } from '../../lib/saliency/test-maps';
import SalientSegments from './SalientSegments.svelte';
import SaliencyRuns from './SaliencyRuns.svelte';

/** One explanation of a 720-sample window at 100 s (36,000 samples), positive on lead V5 from 1 s in for 0.1 s. */
const map = explanationMap(
  1,
  36000,
  Array.from({ length: 720 }, (_, t) => [0.01 * Math.sin(t), t >= 360 && t < 396 ? 5 : 0]),
  { jobId: 2 },
);

async function setUp(): Promise<{
  view: EcgView;
  saliency: SaliencyView;
  compared: number[];
  study: FakeStudy;
  edits: AnnotationUndoStack;
}> {
  const view = new EcgView(new TestReader(), twoLeadRecord, { recordId: 1 }, 4);
  view.resize(1000, 620);
  const summary = explanationSummary(1, 36000, 720, 2, { jobId: 2 });
  const saliency = new SaliencyView(
    {
      listExplanations: (): Promise<ApiResult<'listExplanations'>> => Promise.resolve({ explanations: [summary] }),
      readExplanation: (): Promise<ApiResult<'readExplanation'>> => Promise.resolve(map),
    },
    1,
    () => 360,
  );
  await saliency.refresh({ jobId: 2, methods: ['integrated-gradients'] });
  const compared: number[] = [];
  render(SaliencyRuns, { record: twoLeadRecord, saliency, onCompare: () => compared.push(1) });
  const study = new FakeStudy();
  const edits = new AnnotationUndoStack(study, 1);
  render(SalientSegments, {
    record: twoLeadRecord,
    saliency,
    edits,
    onJump: (fromSec: number, toSec: number) => view.go({ kind: 'centre-on', seconds: (fromSec + toSec) / 2 }),
  });
  return { view, saliency, compared, study, edits };
}

describe('the saliency runs and segments', () => {
  it("list the runs with their legend, and compare a run's windows", async () => {
    const { compared } = await setUp();
    const runs = screen.getByRole('list', { name: 'Explainer runs' });
    expect(within(runs).getByRole('checkbox', { name: 'Show integrated-gradients of job 2' })).toBeChecked();
    expect(within(runs).getByText('1 window · job 2')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'integrated-gradients legend: signed; ±1 = 98th percentile of |attribution| over this window (5.0), clipped beyond',
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Compare…' }));
    expect(compared).toEqual([1]);
  });

  it('rank the salient run with its lead and time, and go to it', async () => {
    const { view, saliency } = await setUp();
    const rows = within(screen.getByRole('table', { name: 'Top segments' })).getAllByRole('row');
    // The fives are the top 2.5 % of the entries, so the 98th percentile is 5: each counts 1, 36 in all.
    const cells = within(rows[1] as HTMLElement).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['1', '0:01:41.00–41.10', 'V5', '36.0', 'Go Accept']);
    await userEvent.click(screen.getByRole('button', { name: 'Go to segment 1' }));
    expect(view.startSec + view.windowSec / 2).toBeCloseTo(101.05, 6);
    expect(saliency.current?.rank).toBe(1);
    await waitFor(() => expect(rows[1]).toHaveClass('current'));
  });

  it('accept a segment as an annotation of its lead, undoable', async () => {
    const { study, edits } = await setUp();
    await userEvent.click(screen.getByRole('button', { name: 'Accept segment 1 as an annotation' }));
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Accepted segments' })).toHaveTextContent(
        'Segment 1 is an annotation now (Ctrl+Z undoes it).',
      ),
    );
    // 101.00–101.10 s at 360 Hz, on V5 (channel 1), with a note naming the method.
    expect(study.live()).toMatchObject([
      {
        sample: 36360,
        endSample: 36396,
        channel: 1,
        source: 'explainer',
        aux: 'Salient segment #1 of integrated-gradients, score 36.00',
      },
    ]);
    await edits.undo();
    expect(study.live()).toEqual([]);
  });
});

describe('the segments of an ICU stay', () => {
  it('are listed in hours with their feature, and accepted on that feature', async () => {
    const stay = featureRecord([HOURLY, HOURLY]);
    // 48 hours of two features: SpO2 stands out from hour 12 to 14, everything else is near zero.
    const rows = Array.from({ length: 48 }, (_, t) => [0.01 * Math.sin(t), t === 12 || t === 13 ? 5 : 0]);
    const summary = explanationSummary(1, 0, 48, 2, { jobId: 3, modelId: 'icu-mortality-gru' });
    const saliency = new SaliencyView(
      {
        listExplanations: (): Promise<ApiResult<'listExplanations'>> => Promise.resolve({ explanations: [summary] }),
        readExplanation: (): Promise<ApiResult<'readExplanation'>> =>
          Promise.resolve(explanationMap(1, 0, rows, { jobId: 3, modelId: 'icu-mortality-gru' })),
      },
      stay.id,
      () => HOURLY,
    );
    await saliency.refresh({ jobId: 3, methods: ['integrated-gradients'] });
    const study = new FakeStudy();
    const jumps: number[][] = [];
    render(SalientSegments, {
      record: stay,
      saliency,
      edits: new AnnotationUndoStack(study, stay.id),
      onJump: (fromSec: number, toSec: number, channel: number) => jumps.push([fromSec, toSec, channel]),
    });
    const table = within(screen.getByRole('table', { name: 'Top segments' }));
    expect(table.getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['#', 'Time', 'Feature', 'Score', '']);
    // The two fives are the 98th percentile: each counts 1.
    const cells = within(table.getAllByRole('row')[1] as HTMLElement).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['1', '12–14 h', 'SpO2', '2.0', 'Go Accept']);
    await userEvent.click(screen.getByRole('button', { name: 'Go to segment 1' }));
    expect(jumps).toEqual([[12 * 3600, 14 * 3600, 1]]);
    expect(saliency.current?.rank).toBe(1);
    await userEvent.click(screen.getByRole('button', { name: 'Accept segment 1 as an annotation' }));
    await waitFor(() => expect(study.live()).toMatchObject([{ sample: 12, endSample: 14, channel: 1 }]));
  });
});
