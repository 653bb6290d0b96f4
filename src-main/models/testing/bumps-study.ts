import { Rng } from '../../engine/program';
import { ChannelWriter, insertAnnotations, insertRecord, openStudy } from '../../store';
import type { NewAnnotation } from '../../store';

/**
 * A study at `path` with four 60-second records r1…r4 at 100 Hz of noise (σ 0.1 mV) with a
 * Gaussian bump every 0.4–0.6 s, up (annotated 'U') or down ('D') at random: a task a small
 * network learns in a few epochs. Returns how many bumps each record has.
 */
export function createBumpsStudy(path: string): Record<string, number> {
  const rate = 100;
  const length = 6000;
  const placed: Record<string, number> = {};
  const s = openStudy(path, { create: true });
  try {
    for (const [r, name] of ['r1', 'r2', 'r3', 'r4'].entries()) {
      const rng = new Rng(10 + r);
      const samples = Float64Array.from(rng.normal([length], { std: 0.1 }).data as Float32Array);
      const annotations: NewAnnotation[] = [];
      for (let at = 50; at + 50 < length; at += 40 + Math.floor(rng.next() * 20)) {
        const up = rng.next() < 0.5;
        for (let t = -4; t <= 4; t++) samples[at + t] = (samples[at + t] ?? 0) + (up ? 1 : -1) * Math.exp(-(t * t) / 8);
        annotations.push({
          sample: at,
          endSample: null,
          channel: null,
          code: null,
          symbol: up ? 'U' : 'D',
          aux: null,
          subtype: 0,
        });
      }
      placed[name] = annotations.length;
      const channel = { name: 'MLII', units: 'mV', gain: 1000, baseline: 0, adcResolution: 16 };
      const { recordId, channelIds } = insertRecord(s.db, {
        name,
        source: 'synthetic',
        patientExternalId: null,
        startTime: null,
        frameRateHz: rate,
        sampleCount: length,
        sourcePath: null,
        channels: [{ ...channel, samplingRateHz: rate, sampleCount: length }],
      });
      const writer = new ChannelWriter(s.db, channelIds[0] ?? -1);
      writer.append(samples.map((v) => Math.round(v * 1000)));
      writer.finish();
      s.db.transaction(() =>
        insertAnnotations(s.db, recordId, annotations, { author: 'tester', source: 'imported' }),
      )();
    }
  } finally {
    s.close();
  }
  return placed;
}
