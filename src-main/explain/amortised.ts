import type { Tensor } from '../engine';
import type { BlackBox } from './black-box';
import { resolveTargets } from './black-box';
import type { ExplainRequest, Explanation } from './explainer';

/** An explainer network fitted once (TimeX++'s mask generator, the IB policy) and its fit's record. */
export interface AmortisedState {
  readonly seed: number;
  readonly fit?: { readonly steps: number; readonly finalLosses?: Readonly<Record<string, number>> };
}

export interface AmortisedMethod<P, S extends AmortisedState> {
  readonly method: string;
  /** What is fitted, for the note when no reference was given ('explainer', 'policy'). */
  readonly fitted: string;
  /** Fits on the reference windows (the caller keeps one fit per model, reference, params and seed). */
  readonly fit: (request: ExplainRequest<P>, reference: Tensor) => Promise<S>;
  /** The maps of `x`: one forward pass of the fitted network. */
  readonly maps: (state: S, x: Tensor) => Promise<Tensor>;
  /** The parameters as the state resolved them. */
  readonly params: (state: S) => Readonly<Record<string, unknown>>;
  /** Per-epoch diagnostics of the fit. */
  readonly diagnostics: (fit: NonNullable<S['fit']>) => Readonly<Record<string, number | readonly number[]>>;
  /** Why the map does not depend on the targets. */
  readonly targetsNote: string;
}

/**
 * Explains with a fitted network: the one given, or one fitted on `request.reference` (absent, on
 * the explained windows themselves, transductively). The maps are masks in [0, 1].
 */
export async function explainAmortised<P, S extends AmortisedState>(
  request: ExplainRequest<P>,
  given: S | undefined,
  how: AmortisedMethod<P, S>,
): Promise<Explanation> {
  const started = performance.now();
  const notes: string[] = [];
  let state = given;
  if (!state) {
    if (!request.reference) {
      notes.push(`no reference data: the ${how.fitted} was fitted on the explained windows (transductive)`);
    }
    state = await how.fit(request, request.reference ?? request.x);
  }
  const saliency = await how.maps(state, request.x);
  const targets = await resolveTargets(request.model, request.x, request.targets);
  notes.push(how.targetsNote);
  const fit = state.fit as S['fit'];
  return {
    saliency,
    scale: 'unit-mask',
    info: {
      method: how.method,
      params: how.params(state),
      seed: state.seed,
      targets,
      steps: fit?.steps ?? 0,
      ...(fit?.finalLosses ? { finalLosses: fit.finalLosses } : {}),
      runtimeMs: performance.now() - started,
      diagnostics: fit ? how.diagnostics(fit) : {},
      notes,
    },
  };
}

const fits = new WeakMap<Uint8Array, WeakMap<Tensor, Map<string, Promise<unknown>>>>();

/** One fit per model, reference tensor and `key` (method, parameters, seed); a failed or cancelled fit is not kept. */
export function fitOnce<S>(model: BlackBox, reference: Tensor, key: string, make: () => Promise<S>): Promise<S> {
  let byReference = fits.get(model.onnx);
  if (!byReference) fits.set(model.onnx, (byReference = new WeakMap()));
  let byKey = byReference.get(reference);
  if (!byKey) byReference.set(reference, (byKey = new Map<string, Promise<unknown>>()));
  let fitted = byKey.get(key) as Promise<S> | undefined;
  if (!fitted) {
    fitted = make();
    byKey.set(key, fitted);
    const store = byKey;
    fitted.catch(() => store.delete(key));
  }
  return fitted;
}
