import type Database from 'better-sqlite3';
import type { Tensor } from '../engine';
import { AppError } from '../errors';
import type { LoadedModel } from '../models';
import { findFittedExplainer, insertFittedExplainer, readFittedExplainer } from '../store/fitted-explainers';
import type { FittedExplainerKey, StoredFittedExplainer } from '../store/fitted-explainers';
import { explainAmortised } from './amortised';
import type { AmortisedMethod, AmortisedState } from './amortised';
import type { BlackBox } from './black-box';
import type { CancelCheck, ExplainProgress, Explanation } from './explainer';
import { fitIbPolicy, ibAmortised, parseIbParams } from './ib-gradient-free';
import { resolveIbSettings } from './ib-params';
import { exportMethodOnnx, onnxMaps } from './policy-onnx';
import { studyReferenceWindows } from './study-reference';
import { fitTimex, parseTimexParams } from './timex';
import { timexAmortised } from './timex/explainer';
import { exportTimexppOnnx, fitTimexpp, parseTimexppParams } from './timexpp';
import { timexppAmortised } from './timexpp/explainer';
import { windowShape } from './window-inputs';

/**
 * Amortised explainers in a study: fitted once per model (id and bytes), method, resolved
 * parameters and seed, on windows drawn from the study (study-reference.ts), stored with an audit
 * entry as the ONNX of their read-out (migration 008), and from then on every window of the model
 * is explained by running that stored ONNX. A model whose bytes changed has another sha256 and so
 * never meets an old fit; a fit that fails or is cancelled stores nothing.
 */

/** A fit's own report. */
interface FitReport {
  readonly steps: number;
  readonly finalLosses?: Readonly<Record<string, number>>;
  readonly diagnostics: Readonly<Record<string, number | readonly number[]>>;
}

/** What the study keeps of a fit besides its read-out (the fitted explainer's metrics). */
interface FitMetrics extends FitReport {
  readonly referenceWindows: number;
  readonly referenceRecords: number;
  readonly candidateWindows: number;
  readonly fitSeconds: number;
}

interface FitOptions {
  readonly seed: number;
  readonly onProgress?: (progress: ExplainProgress) => void;
  readonly cancel?: CancelCheck;
}

/** A method whose fitted network the study can store: how it resolves parameters, fits and exports. */
interface StorableMethod {
  readonly how: Pick<AmortisedMethod<unknown, AmortisedState>, 'method' | 'fitted' | 'targetsNote'>;
  /** The parameters a fit on windows with `features` channels resolves to (the stored fit's key). */
  resolveParams(params: unknown, features: number): Readonly<Record<string, unknown>>;
  /** Fits on the reference windows; returns the read-out as ONNX and the fit's report. */
  fit(
    box: BlackBox,
    reference: Tensor,
    params: unknown,
    options: FitOptions,
  ): Promise<FitReport & { readonly onnx: Uint8Array }>;
}

function storable<P, S extends AmortisedState>(
  how: AmortisedMethod<P, S>,
  parts: {
    resolveParams: StorableMethod['resolveParams'];
    fit: (box: BlackBox, reference: Tensor, params: unknown, options: FitOptions) => Promise<S>;
    exportOnnx: (state: S) => Uint8Array;
  },
): StorableMethod {
  return {
    how,
    resolveParams: parts.resolveParams,
    fit: async (box, reference, params, options) => {
      const state = await parts.fit(box, reference, params, options);
      const fit = state.fit as S['fit'];
      return {
        onnx: parts.exportOnnx(state),
        steps: fit?.steps ?? 0,
        ...(fit?.finalLosses ? { finalLosses: fit.finalLosses } : {}),
        diagnostics: fit ? how.diagnostics(fit) : {},
      };
    },
  };
}

const STORABLE: Readonly<Record<string, StorableMethod>> = {
  timexpp: storable(timexppAmortised, {
    resolveParams: (params) => parseTimexppParams(params),
    fit: fitTimexpp,
    exportOnnx: exportTimexppOnnx,
  }),
  timex: storable(timexAmortised, {
    resolveParams: (params) => parseTimexParams(params),
    fit: fitTimex,
    exportOnnx: (state) => exportMethodOnnx('timex', state),
  }),
  'ib-gradient-free': storable(ibAmortised, {
    resolveParams: (params, features) => resolveIbSettings(parseIbParams(params), features),
    fit: fitIbPolicy,
    exportOnnx: (policy) => exportMethodOnnx('ib-gradient-free', policy),
  }),
};

/** Whether a study stores `method`'s fits (the amortised methods) rather than explaining afresh. */
export function fitsInStudy(method: string): boolean {
  return Object.hasOwn(STORABLE, method);
}

export interface StudyFitRequest {
  readonly modelId: string;
  readonly model: LoadedModel;
  readonly box: BlackBox;
  readonly method: string;
  /** Raw parameters: the method's defaults fill in what is missing. */
  readonly params: unknown;
  readonly seed: number;
  /** The windows to explain [B, T, D], as the model is fed them. */
  readonly x: Tensor;
  readonly targets?: readonly number[];
  readonly actor: string;
  readonly onProgress?: (progress: ExplainProgress) => void;
  readonly cancel?: CancelCheck;
}

/** A stored fit as the amortised scaffold reads it. */
interface StoredFitState extends AmortisedState {
  readonly stored: StoredFittedExplainer;
  readonly fit: FitReport;
}

/** Explains `request.x` with the study's stored fit for the model, method, parameters and seed, fitting and storing one first when there is none. */
export async function explainWithStudyFit(db: Database.Database, request: StudyFitRequest): Promise<Explanation> {
  const method = STORABLE[request.method];
  if (!method) throw new AppError('internal', `${request.method} does not store fitted explainers`);
  const key: FittedExplainerKey = {
    modelId: request.modelId,
    modelSha256: request.model.sha256,
    method: request.method,
    params: method.resolveParams(request.params, windowShape(request.x).features),
    seed: request.seed,
  };
  const { fitted } = method.how;
  let stored = findFittedExplainer(db, key);
  let how: string;
  if (stored) {
    how = `reused the stored ${fitted}`;
  } else {
    stored = await fitAndStore(db, method, key, request);
    how = `fitted the ${fitted} for this run and stored it`;
  }
  const state: StoredFitState = { seed: stored.seed, stored, fit: storedReport(stored) };
  const explanation = await explainAmortised({ ...request, model: request.box, params: stored.params }, state, {
    ...method.how,
    fit: () => Promise.reject(new AppError('internal', 'a stored fit is never refitted')),
    maps: (s, x) => onnxMaps(s.stored.onnx, x),
    params: (s) => s.stored.params,
    diagnostics: (fit) => ({ ...fit.diagnostics, fittedExplainer: stored.id }),
  });
  const notes = [fitNote(how, stored), ...(explanation.info.notes ?? [])];
  return { ...explanation, info: { ...explanation.info, notes } };
}

/** The report of a stored fit; fits stored by other means (a benchmark's) may lack parts of it. */
function storedReport({ metrics }: StoredFittedExplainer): FitReport {
  return {
    steps: typeof metrics.steps === 'number' ? metrics.steps : 0,
    ...(metrics.finalLosses ? { finalLosses: metrics.finalLosses as FitReport['finalLosses'] } : {}),
    diagnostics: (metrics.diagnostics ?? {}) as FitReport['diagnostics'],
  };
}

/** Which fit explained, when and on what it was fitted. */
function fitNote(how: string, stored: StoredFittedExplainer): string {
  const m = stored.metrics as Partial<FitMetrics>;
  const made = `fitted explainer #${stored.id}, fitted ${stored.createdAt} by ${stored.createdBy}`;
  const on =
    m.referenceWindows === undefined
      ? 'on windows it does not record'
      : `in ${(m.fitSeconds ?? NaN).toFixed(1)} s on ${m.referenceWindows} windows of ${m.referenceRecords} records of the study ` +
        `(drawn with seed ${stored.seed} from the ${m.candidateWindows} side-by-side windows of the records the model accepts)`;
  return `${how}: ${made} ${on}; the map is one run of its stored ONNX read-out`;
}

async function fitAndStore(
  db: Database.Database,
  method: StorableMethod,
  key: FittedExplainerKey,
  request: StudyFitRequest,
): Promise<StoredFittedExplainer> {
  const started = performance.now();
  const reference = studyReferenceWindows(db, request.model.card, request.seed);
  const { onnx, ...report } = await method.fit(request.box, reference.x, request.params, request);
  // A cancel that came after the last step still stores nothing.
  request.cancel?.throwIfCancelled();
  const metrics: FitMetrics = {
    ...report,
    referenceWindows: reference.x.shape[0] ?? 0,
    referenceRecords: reference.records,
    candidateWindows: reference.candidates,
    fitSeconds: (performance.now() - started) / 1000,
  };
  // Another worker may have stored the same fit meanwhile: the first one stored is the one kept.
  const id = db.transaction(
    () =>
      findFittedExplainer(db, key)?.id ??
      insertFittedExplainer(db, { ...key, onnx, metrics: { ...metrics } }, request.actor),
  )();
  const stored = readFittedExplainer(db, id);
  if (!stored) throw new AppError('internal', `fitted explainer #${id} was not stored`);
  return stored;
}
