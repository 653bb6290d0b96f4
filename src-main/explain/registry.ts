import { AppError } from '../errors';
import type { Explainer } from './explainer';

/** Every explainer the app offers, by the name `--method`, the API and stored explanations use. */
export const explainers: readonly Explainer[] = [];

export function findExplainer(name: string): Explainer {
  const found = explainers.find((e) => e.name === name);
  if (found) return found;
  throw new AppError(
    'invalid-request',
    `unknown method '${name}'; expected one of: ${explainers.map((e) => e.name).join(', ')}`,
  );
}
