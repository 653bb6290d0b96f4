import type { WaveName } from './morphology';

export const LEAD_NAMES = ['MLII', 'V5'] as const;
export type LeadName = (typeof LEAD_NAMES)[number];

/**
 * Per-lead amplitude factors relative to the reference lead (MLII). V5 faces the lateral left
 * ventricle: a taller QRS and a smaller P. Q, R and S share one factor so that the QRS peak, and
 * with it the R annotation, sits at the same sample in every lead.
 */
const LEAD_WAVE_SCALE: Record<LeadName, { p: number; qrs: number; t: number }> = {
  MLII: { p: 1, qrs: 1, t: 1 },
  V5: { p: 0.6, qrs: 1.25, t: 1 },
};

export function leadWaveScale(lead: LeadName, wave: WaveName): number {
  const scale = LEAD_WAVE_SCALE[lead];
  if (wave === 'P') return scale.p;
  if (wave === 'T') return scale.t;
  return scale.qrs;
}

export function isLeadName(name: string): name is LeadName {
  return (LEAD_NAMES as readonly string[]).includes(name);
}
