/**
 * Synthetic ECG (ECGSYN, McSharry et al. 2003) for demo content and the `ecg-synth` saliency
 * benchmark: seeded records with HRV, PVCs and APCs, annotated beats, and ground-truth masks of
 * where each abnormal beat's abnormal morphology lives.
 */
export { generateEcg, type SyntheticBeat, type SyntheticEcg, type SyntheticLead } from './generate';
export { DEFAULT_ECG_OPTIONS, type EcgOptions, type ResolvedEcgOptions } from './options';
export { BEAT_AAMI_CLASS, BEAT_ANNOTATION, BEAT_CLASSES, beatClassOfAami, type BeatClass } from './beat-classes';
export { LEAD_NAMES, type LeadName } from './leads';
export { groundTruthMask, type AbnormalFeature, type AbnormalRegion } from './ground-truth';
export { syntheticEcgRecord, SYNTHETIC_ADC_BITS, SYNTHETIC_GAIN_ADU_PER_MV } from './record';
export { beatWindows, type BeatWindowOptions, type BeatWindows } from './beat-windows';
