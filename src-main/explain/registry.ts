import { AppError } from '../errors';
import { afo } from './afo';
import { contraLsp } from './contralsp';
import { deepLift } from './deeplift';
import { dynamask } from './dynamask';
import type { Explainer } from './explainer';
import { extrMask } from './extrmask';
import { fo } from './fo';
import { gradient } from './gradient';
import { gradientShap } from './gradient-shap';
import { ibGradientFree } from './ib-gradient-free';
import { inputXGradient } from './input-x-gradient';
import { integratedGradients } from './integrated-gradients';
import { occlusion } from './occlusion';
import { sequentialIntegratedGradients } from './sequential-integrated-gradients';
import { temporalIntegratedGradients } from './temporal-integrated-gradients';
import { timex } from './timex';
import { timexpp } from './timexpp';

/** Every explainer the app offers, by the name `--method`, the API and stored explanations use. */
export const explainers: readonly Explainer[] = [
  contraLsp,
  dynamask,
  extrMask,
  gradient,
  inputXGradient,
  integratedGradients,
  temporalIntegratedGradients,
  sequentialIntegratedGradients,
  gradientShap,
  deepLift,
  occlusion,
  fo,
  afo,
  ibGradientFree,
  timexpp,
  timex,
];

export function findExplainer(name: string): Explainer {
  const found = explainers.find((e) => e.name === name);
  if (found) return found;
  throw new AppError(
    'invalid-request',
    `unknown method '${name}'; expected one of: ${explainers.map((e) => e.name).join(', ')}`,
  );
}
