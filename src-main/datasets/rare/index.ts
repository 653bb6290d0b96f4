/** ContraLSP's Rare-Time / Rare-Observation sets (and diffgroups) and their white-box regressors. */
export {
  generateRare,
  RARE_SAMPLES,
  TORCH_SEED_42,
  type RareOptions,
  type RareSalientSet,
  type RareVariant,
} from './rare';
export { whiteBoxModel } from './white-box';
export { ARMA_AR, ARMA_MA, armaSeries, lfilter } from './arma';
