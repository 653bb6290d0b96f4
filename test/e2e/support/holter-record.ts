import type { SourceAnnotation, SourceRecord } from '../../../src-main/formats';

const RATE = 250;
const BEAT_SEC = 0.8;
/** Every 40th beat is a PVC, so that the overview has something to show. */
const PVC_EVERY = 40;

/** When beat `k` peaks: 75 bpm, with a slow breathing-like wobble. */
function beatTime(k: number): number {
  return k * BEAT_SEC + 0.04 * Math.sin(k / 5);
}

/** Millivolts at time `t`: a narrow R wave and a broad T wave per beat (a PVC: wide and deep). */
function millivolts(t: number, lead: number): number {
  const nearest = Math.round(t / BEAT_SEC);
  let value = 0;
  for (let k = nearest - 1; k <= nearest + 1; k++) {
    const dt = t - beatTime(k);
    const pvc = k % PVC_EVERY === 0;
    const width = pvc ? 0.05 : 0.018;
    value += (pvc ? -1.4 : 1.1 + 0.3 * lead) * Math.exp(-((dt / width) ** 2));
    value += 0.25 * Math.exp(-(((dt - 0.28) / 0.06) ** 2));
  }
  return value;
}

/**
 * A 24-hour, 2-lead, 250 Hz Holter-like record whose samples are computed on demand, so it
 * streams through the real import (and its envelope pyramid) without ever being in memory whole.
 */
export function holterRecord(): SourceRecord {
  const frames = 24 * 3600 * RATE;
  const channel = { units: 'mV', gain: 200, baseline: 0, adcResolution: 12, samplingRateHz: RATE, sampleCount: frames };
  const beats = Math.floor((frames / RATE - 1) / BEAT_SEC);
  return {
    name: 'holter-24h',
    format: 'synthetic',
    startTime: null,
    frameRateHz: RATE,
    frameCount: frames,
    patientId: 'holter',
    channels: [
      { name: 'CM5', ...channel },
      { name: 'CC5', ...channel },
    ],
    info: [],
    warnings: [],
    readSamples(lead, start, count) {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = Math.round(200 * millivolts((start + i) / RATE, lead));
      return out;
    },
    annotations: (): SourceAnnotation[] =>
      Array.from({ length: beats }, (_, i) => {
        const pvc = (i + 1) % PVC_EVERY === 0;
        return {
          sample: Math.round(beatTime(i + 1) * RATE),
          endSample: null,
          channel: null,
          code: pvc ? 5 : 1,
          symbol: pvc ? 'V' : 'N',
          subtype: 0,
          aux: null,
        };
      }),
    close: () => undefined,
  };
}
