import { ACMAX, annotationSymbol } from '../formats/wfdb';
import type { AnnotationLabel } from './contract';

/** MIT beat codes (WFDB ecgcodes.h), in the order analysts meet them. */
const BEATS: readonly [code: number, description: string][] = [
  [1, 'Normal beat'],
  [2, 'Left bundle branch block beat'],
  [3, 'Right bundle branch block beat'],
  [25, 'Bundle branch block beat (unspecified)'],
  [8, 'Atrial premature beat'],
  [4, 'Aberrated atrial premature beat'],
  [7, 'Nodal (junctional) premature beat'],
  [9, 'Supraventricular premature or ectopic beat'],
  [5, 'Premature ventricular contraction'],
  [41, 'R-on-T premature ventricular contraction'],
  [6, 'Fusion of ventricular and normal beat'],
  [34, 'Atrial escape beat'],
  [11, 'Nodal (junctional) escape beat'],
  [35, 'Supraventricular escape beat'],
  [10, 'Ventricular escape beat'],
  [12, 'Paced beat'],
  [38, 'Fusion of paced and normal beat'],
  [13, 'Unclassifiable beat'],
];

/** MIT non-beat codes an analyst places by hand. */
const NON_BEATS: readonly [code: number, description: string][] = [
  [32, 'Start of ventricular flutter/fibrillation'],
  [31, 'Ventricular flutter wave'],
  [33, 'End of ventricular flutter/fibrillation'],
  [37, 'Non-conducted P-wave (blocked APC)'],
  [24, 'Peak of P-wave'],
  [27, 'Peak of T-wave'],
  [29, 'Peak of U-wave'],
  [26, '(Non-captured) pacemaker artifact'],
  [16, 'Isolated QRS-like artifact'],
  [14, 'Change in signal quality'],
  [18, 'ST segment change'],
  [19, 'T-wave change'],
  [22, 'Comment'],
];

/**
 * MIT-BIH rhythm labels. In an MIT file they are the aux text of a rhythm change (`+`); an
 * analyst's rhythm is a segment with the rhythm as its label, so its bounds are explicit.
 */
const RHYTHMS: readonly [label: string, description: string][] = [
  ['(N', 'Normal sinus rhythm'],
  ['(AFIB', 'Atrial fibrillation'],
  ['(AFL', 'Atrial flutter'],
  ['(AB', 'Atrial bigeminy'],
  ['(SBR', 'Sinus bradycardia'],
  ['(SVTA', 'Supraventricular tachyarrhythmia'],
  ['(B', 'Ventricular bigeminy'],
  ['(T', 'Ventricular trigeminy'],
  ['(VT', 'Ventricular tachycardia'],
  ['(VFL', 'Ventricular flutter'],
  ['(IVR', 'Idioventricular rhythm'],
  ['(NOD', 'Nodal (A-V junctional) rhythm'],
  ['(BII', '2° heart block'],
  ['(PREX', 'Pre-excitation (WPW)'],
  ['(P', 'Paced rhythm'],
];

/** The MIT labels the editor offers, before the study's own. */
export const mitLabels: readonly AnnotationLabel[] = [
  ...BEATS.map(([code, description]) => ({ label: annotationSymbol(code), description, kind: 'beat' as const, code })),
  ...NON_BEATS.map(([code, description]) => ({
    label: annotationSymbol(code),
    description,
    kind: 'non-beat' as const,
    code,
  })),
  ...RHYTHMS.map(([label, description]) => ({ label, description, kind: 'rhythm' as const, code: null })),
];

/** The MIT code whose standard mnemonic is `label`, or null (a rhythm, a study label). */
export function mitCode(label: string): number | null {
  for (let code = 1; code <= ACMAX; code++) if (annotationSymbol(code) === label) return code;
  return null;
}
