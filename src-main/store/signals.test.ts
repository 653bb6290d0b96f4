import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempStudy, type TempStudy } from '../../test/support/temp-study';
import { EnvelopeBuilder, readEnvelope, writeEnvelopes, ENVELOPE_BASE_BIN, ENVELOPE_FACTOR } from './envelopes';
import { insertRecord } from './records';
import { ChannelWriter, CHUNK_SAMPLES, readChannelSamples } from './signals';
import { openStudy, type Study } from './study';

let temp: TempStudy;
let study: Study;
let channelId: number;
/** A sawtooth with gaps, long enough to span several chunks and a partial last one. */
const length = CHUNK_SAMPLES * 2 + 1234;
const samples = Float64Array.from({ length }, (_, i) => (i % 1000 === 999 ? Number.NaN : (i % 500) - 250));

beforeEach(() => {
  temp = createTempStudy([]);
  study = openStudy(temp.path);
  channelId = insertRecord(study.db, {
    name: 'saw',
    source: 'synthetic',
    patientExternalId: null,
    startTime: null,
    frameRateHz: 250,
    sampleCount: length,
    sourcePath: null,
    channels: [
      { name: 'I', units: 'mV', gain: 200, baseline: 0, adcResolution: 12, samplingRateHz: 250, sampleCount: length },
    ],
  }).channelIds[0] as number;
  const writer = new ChannelWriter(study.db, channelId);
  const envelope = new EnvelopeBuilder();
  for (let start = 0; start < length; start += 10_000) {
    const piece = samples.subarray(start, Math.min(length, start + 10_000));
    writer.append(piece);
    envelope.push(piece);
  }
  writer.finish();
  writeEnvelopes(study.db, channelId, envelope.finish());
});
afterEach(() => {
  study.close();
  temp.remove();
});

describe('chunked signal storage', () => {
  it('stores the samples in fixed chunks', () => {
    const counts = study.db
      .prepare('SELECT sample_count FROM signal_chunks WHERE channel_id = ? ORDER BY chunk_index')
      .pluck()
      .all(channelId);
    expect(counts).toEqual([CHUNK_SAMPLES, CHUNK_SAMPLES, 1234]);
  });

  it('reads any window exactly, across chunk boundaries', () => {
    for (const [start, count] of [
      [0, 10],
      [CHUNK_SAMPLES - 5, 10],
      [CHUNK_SAMPLES * 2 - 3, 1000],
      [length - 7, 7],
    ] as const) {
      expect(Array.from(readChannelSamples(study.db, channelId, start, count))).toEqual(
        Array.from(samples.subarray(start, start + count)),
      );
    }
  });

  it('pads a window that runs past the end with NaN', () => {
    const window = readChannelSamples(study.db, channelId, length - 2, 4);
    expect(Array.from(window.subarray(0, 2))).toEqual(Array.from(samples.subarray(length - 2)));
    expect(Number.isNaN(window[2])).toBe(true);
    expect(Number.isNaN(window[3])).toBe(true);
  });
});

describe('envelope pyramid', () => {
  it('keeps levels of growing bin size down to a few hundred bins', () => {
    const levels = study.db
      .prepare('SELECT bin_size, length(data) / 8 AS bins FROM envelopes WHERE channel_id = ? ORDER BY level')
      .all(channelId) as { bin_size: number; bins: number }[];
    expect(levels[0]).toEqual({ bin_size: ENVELOPE_BASE_BIN, bins: Math.ceil(length / ENVELOPE_BASE_BIN) });
    for (let i = 1; i < levels.length; i++) {
      expect(levels[i]?.bin_size).toBe((levels[i - 1]?.bin_size ?? 0) * ENVELOPE_FACTOR);
    }
    expect(levels.at(-1)?.bins).toBeLessThanOrEqual(512);
  });

  it('gives each pixel the true min and max of its samples, ignoring gaps', () => {
    const overview = readEnvelope(study.db, channelId, 0, length, 100);
    expect(overview.min.length).toBeGreaterThanOrEqual(100);
    expect(overview.min.length).toBeLessThanOrEqual(201);
    overview.min.forEach((lo, bin) => {
      const from = bin * overview.samplesPerBin;
      const slice = Array.from(samples.subarray(from, Math.min(length, from + overview.samplesPerBin))).filter(
        (v) => !Number.isNaN(v),
      );
      expect(lo).toBe(Math.min(...slice));
      expect(overview.max[bin]).toBe(Math.max(...slice));
    });
  });
});
