import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiParams, ExplainerInfo, ModelInfo } from '$api/contract';
import type { ApiEventName } from '$api/method-names';
import { apiContext, type ApiClient } from '../../lib/api';
import { EcgView } from '../../lib/record-view/ecg-view.svelte';
import { featureRecord, HOURLY, TestReader, twoLeadRecord } from '../../lib/record-view/test-fixtures';
import { ExplainJob } from '../../lib/saliency/explain-job.svelte';
import { beatModel } from '../../lib/saliency/test-maps';
import { spanOfView, type ExplainSpan } from '../../lib/saliency/explain-window';
import ExplainControls from './ExplainControls.svelte';
import ExplainForm from './ExplainForm.svelte';
import { queuedJob } from '../../lib/jobs/test-jobs';

/** Without gradients: gradient methods cannot explain it. */
const model: ModelInfo = { ...beatModel, differentiable: false, forwardOnlyOps: ['Loop'] };

const explainers: ExplainerInfo[] = [
  { name: 'integrated-gradients', title: 'Integrated Gradients', needsGradients: true, defaults: { nSteps: 50 } },
  { name: 'occlusion', title: 'Occlusion', needsGradients: false, defaults: { window: [1, 1], baseline: 'zero' } },
];

const queued = queuedJob('explain', 8);

type Verdicts = ApiClient['predictWindows'];

/** The beat model's verdicts: one a second, the fourth window V. */
const beatVerdicts: Verdicts = ({ fromSec, toSec = fromSec + 1 }) =>
  Promise.resolve({
    windowLength: 360,
    windows: Array.from({ length: Math.round(toSec - fromSec) }, (_, i) => ({
      startSample: Math.round((fromSec + i) * 360),
      label: i === 3 ? 2 : 0,
      score: 0.9,
    })),
  });

/** The calls the form makes, answered at once; every start and cancel is kept. */
function fakeClient(
  models: ModelInfo[] = [model],
  predictWindows: Verdicts = beatVerdicts,
): {
  client: ApiClient;
  started: ApiParams<'startExplain'>[];
  cancelled: number[];
  emit: (e: ApiEventName, p: unknown) => void;
} {
  const started: ApiParams<'startExplain'>[] = [];
  const cancelled: number[] = [];
  let listener: (event: ApiEventName, payload: unknown) => void = () => undefined;
  const used: Pick<
    ApiClient,
    'listModels' | 'listExplainers' | 'predictWindows' | 'startExplain' | 'cancelJob' | 'onEvent'
  > = {
    listModels: () => Promise.resolve({ models }),
    listExplainers: () => Promise.resolve({ explainers }),
    predictWindows,
    startExplain: (params) => {
      started.push(params);
      return Promise.resolve(queued);
    },
    cancelJob: ({ jobId }) => {
      cancelled.push(jobId);
      return Promise.resolve({ ...queued, id: jobId, status: 'cancelled' });
    },
    onEvent: (next) => {
      listener = next;
      return () => undefined;
    },
  };
  // The form reaches only these methods; the rest of the client is never called here.
  return { client: used as ApiClient, started, cancelled, emit: (e, p) => listener(e, p) };
}

function setUp(): ReturnType<typeof fakeClient> & { view: EcgView } {
  const fake = fakeClient();
  const view = new EcgView(new TestReader(), twoLeadRecord, { recordId: 1 }, 4);
  view.resize(1000, 620);
  const job = new ExplainJob(fake.client, () => undefined);
  render(ExplainForm, { props: { view, job }, context: apiContext(fake.client) });
  return { ...fake, view };
}

describe('ExplainForm', () => {
  it("shows the model's verdicts on the view's windows, and refuses gradient methods for a model without gradients", async () => {
    setUp();
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('ecg-beat-cnn'));
    expect(screen.getByRole('radio', { name: /Current view 0:00:00.00–0:00:10.00, 10 windows/ })).toBeChecked();
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Predicted class' })).toHaveTextContent('N ×9 · V ×1'),
    );
    expect(screen.getByRole('checkbox', { name: 'Integrated Gradients' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Explain' })).toBeDisabled();
  });

  it('starts a job with the chosen window, target and only the parameters changed', async () => {
    const { started, cancelled, emit } = setUp();
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Occlusion' })).toBeEnabled());
    await userEvent.click(screen.getByRole('checkbox', { name: 'Occlusion' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Target class' }), 'V');
    await userEvent.click(screen.getByText('Advanced'));
    const occlusion = screen.getByRole('group', { name: 'occlusion' });
    const window = within(occlusion).getByRole('textbox', { name: 'window' });
    await userEvent.clear(window);
    await userEvent.type(window, '[[5, 1]');
    await userEvent.click(screen.getByRole('button', { name: 'Explain' }));
    expect(started).toEqual([
      {
        model: 'ecg-beat-cnn',
        methods: ['occlusion'],
        params: { occlusion: { window: [5, 1] } },
        records: { ids: [1] },
        fromSec: 0,
        toSec: 10,
        seed: 0,
        target: 2,
      },
    ]);

    emit('jobProgress', { jobId: 8, fraction: 0.25, phase: 'demo-ecg-01 occlusion (1/1)', etaSec: 12 });
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Explain progress' })).toHaveValue(0.25));
    expect(screen.getByText(/about 12 s left/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelled).toEqual([8]);
    await waitFor(() => expect(screen.getByText('Job 8 cancelled.')).toBeInTheDocument());
  });

  it('names a parameter it cannot read and does not start', async () => {
    const { started } = setUp();
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Occlusion' })).toBeEnabled());
    await userEvent.click(screen.getByRole('checkbox', { name: 'Occlusion' }));
    await userEvent.click(screen.getByText('Advanced'));
    const window = within(screen.getByRole('group', { name: 'occlusion' })).getByRole('textbox', { name: 'window' });
    await userEvent.type(window, ',');
    expect(screen.getByText('expected JSON, e.g. [1, 1]')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Explain' })).toBeDisabled();
    expect(started).toEqual([]);
  });
});

describe('ExplainControls on an ICU stay', () => {
  it("offers the risk model's one output as the target, with the outcome's probability, and explains the stay's window", async () => {
    const stay = featureRecord([HOURLY, HOURLY]);
    const risk: ModelInfo = {
      ...beatModel,
      id: 'icu-risk',
      task: 'binary-risk',
      classNames: ['survived', 'died'],
      windowLength: 48,
      samplingRateHz: HOURLY,
      channelNames: ['HeartRate', 'SpO2'],
    };
    const asked: ApiParams<'predictWindows'>[] = [];
    const fake = fakeClient([risk], (params) => {
      asked.push(params);
      return Promise.resolve({ windowLength: 48, windows: [{ startSample: 0, label: 0, score: 0.02 }] });
    });
    const job = new ExplainJob(fake.client, () => undefined);
    const spanOf = (m: ModelInfo): ExplainSpan | null => spanOfView(0, stay.durationSec, m, stay.durationSec);
    render(ExplainControls, {
      props: { record: stay, job, label: 'Explain the stay', spanOf },
      context: apiContext(fake.client),
    });
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('icu-risk'));
    const target = screen.getByRole('combobox', { name: 'Target class' });
    expect(
      within(target)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Risk of died']);
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Predicted class' })).toHaveTextContent('survived · 98 %'),
    );
    expect(asked).toEqual([{ recordId: stay.id, modelId: 'icu-risk', fromSec: 0, toSec: 48 * 3600 }]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Occlusion' }));
    await userEvent.click(screen.getByRole('button', { name: 'Explain' }));
    expect(fake.started).toEqual([
      {
        model: 'icu-risk',
        methods: ['occlusion'],
        params: { occlusion: {} },
        records: { ids: [stay.id] },
        fromSec: 0,
        toSec: 48 * 3600,
        seed: 0,
      },
    ]);
  });
});
