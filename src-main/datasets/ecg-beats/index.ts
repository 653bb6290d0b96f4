/** Our ECG beat benchmark: windows of the synthetic ECG with normal / PVC / APC labels and abnormal-morphology truth. */
export { ECG_BEAT_MODEL_CARD, ECG_BEATS, ECG_BEATS_SIZES, generateEcgBeats } from './ecg-beats';
