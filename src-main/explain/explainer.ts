import { z } from 'zod';
import { AppError } from '../errors';
import type { Tensor } from '../engine';
import type { BlackBox } from './black-box';

/**
 * One interface for every explainer: typed parameters with the specs' defaults (camelCase, the same
 * names in `--params` JSON, the API and the UI), a seed, progress per step, cancellation, and an
 * `info` record. Each method is one file that calls `defineExplainer`; the registry lists them.
 */
export interface ExplainRequest<P> {
  readonly model: BlackBox;
  /** The windows being explained, [B, T, F] float32. */
  readonly x: Tensor;
  /** The class explained per row (one value: every row). Omitted: each row's predicted class; regression models: the output itself. */
  readonly targets?: readonly number[];
  readonly params: P;
  readonly seed: number;
  /** Samples of the data distribution, [N, T, F]: AFO's replacements, GradientSHAP's baselines, "mean" baselines. */
  readonly reference?: Tensor;
  readonly onProgress?: (progress: ExplainProgress) => void;
  readonly cancel?: CancelCheck;
}

export interface ExplainProgress {
  readonly step: number;
  readonly steps: number;
  readonly phase: string;
  /** The optimisation loss at this step, for methods that optimise. */
  readonly loss?: number;
}

/** Satisfied by the job system's shared-memory cancel signal: throws once cancel was asked. */
export interface CancelCheck {
  throwIfCancelled(): void;
}

/** How the values of a saliency map read: signed attributions, non-negative scores, or masks in [0, 1]. */
export type SaliencyScale = 'signed' | 'non-negative' | 'unit-mask';

export interface Explanation {
  /** [B, T, F], aligned with the input. */
  readonly saliency: Tensor;
  readonly scale: SaliencyScale;
  readonly info: ExplainInfo;
}

export interface ExplainInfo {
  readonly method: string;
  /** The parameters after defaults were applied. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly targets: readonly number[];
  /** Optimisation steps, or model evaluations for methods that do not optimise. */
  readonly steps: number;
  readonly finalLosses?: Readonly<Record<string, number>>;
  readonly runtimeMs: number;
  /** Method-specific diagnostics, e.g. IG's convergence delta per row. */
  readonly diagnostics?: Readonly<Record<string, number | readonly number[]>>;
  /** How the method ran where it had a choice, in words (e.g. which DeepLift rule each op got). */
  readonly notes?: readonly string[];
}

export interface ExplainerDefinition<S extends z.ZodType> {
  /** The id used by `--method`, the API and stored explanations, e.g. `integrated-gradients`. */
  readonly name: string;
  readonly title: string;
  /** False for methods that only run the model forward (occlusion); true ones refuse models the engine cannot differentiate. */
  readonly needsGradients: boolean;
  readonly params: S;
  explain(request: ExplainRequest<z.output<S>>): Promise<Explanation>;
}

/** An explainer as the registry holds it: parameters parsed (and defaulted) on the way in. */
export interface Explainer {
  readonly name: string;
  readonly title: string;
  readonly needsGradients: boolean;
  /** Parses raw parameters (`{}` gives the defaults); an AppError names the field at fault. */
  parseParams(raw: unknown): Readonly<Record<string, unknown>>;
  explain(request: ExplainRequest<unknown>): Promise<Explanation>;
}

/** A method's raw parameters parsed by its schema (`{}` gives the defaults); an AppError names the field at fault. */
export function parseMethodParams<S extends z.ZodType>(schema: S, method: string, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new AppError('invalid-request', `${method}: invalid parameters: ${z.prettifyError(parsed.error)}`);
}

export function defineExplainer<S extends z.ZodType<Readonly<Record<string, unknown>>>>(
  definition: ExplainerDefinition<S>,
): Explainer {
  const parse = (raw: unknown): z.output<S> => parseMethodParams(definition.params, definition.name, raw);
  return {
    name: definition.name,
    title: definition.title,
    needsGradients: definition.needsGradients,
    parseParams: parse,
    explain: (request) => definition.explain({ ...request, params: parse(request.params) }),
  };
}
