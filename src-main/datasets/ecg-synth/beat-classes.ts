/** Beat classes the generator produces; a class's index here is its id in typed arrays. */
export const BEAT_CLASSES = ['normal', 'pvc', 'apc'] as const;
export type BeatClass = (typeof BEAT_CLASSES)[number];

/** MIT annotation code and symbol of each class (formats.md §1.4.1). */
export const BEAT_ANNOTATION: Readonly<Record<BeatClass, { code: number; symbol: string }>> = {
  normal: { code: 1, symbol: 'N' },
  pvc: { code: 5, symbol: 'V' },
  apc: { code: 8, symbol: 'A' },
};

export function beatClassId(beatClass: BeatClass): number {
  return BEAT_CLASSES.indexOf(beatClass);
}

/** The AAMI (EC57) class of each beat class: what beat classifiers such as the shipped ecg-beat-cnn predict. */
export const BEAT_AAMI_CLASS: Readonly<Record<BeatClass, string>> = { normal: 'N', apc: 'S', pvc: 'V' };

/** The beat class behind an AAMI class name; undefined for a class the generator does not produce (F, Q). */
export function beatClassOfAami(aami: string): BeatClass | undefined {
  return BEAT_CLASSES.find((c) => BEAT_AAMI_CLASS[c] === aami);
}
