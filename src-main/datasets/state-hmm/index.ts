/** tint's 2-state HMM ("State") benchmark. */
export { generateState, HMM, hmmCovariance, STATE_SPLITS } from './state-hmm';
