/** TimeX/TimeX++'s synthetic sets: FreqShapes, SeqComb-UV, SeqComb-MV and LowVar, on their NARMA background. */
export { generateFreqShapes, FREQSHAPES } from './freqshapes';
export { generateSeqComb, SEQCOMB, type SeqCombVariant } from './seqcomb';
export { generateLowVar, LOWVAR } from './lowvar';
export { narma, narmaBackground } from './narma';
export { TIMEX_SPLITS } from './timex-dataset';
