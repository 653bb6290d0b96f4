import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { readChannelSamples, readEnvelope, type ChannelDetail, type RecordDetail } from '../store';
import type { EnvelopeWindow, SignalWindow } from './contract';

interface WindowRequest {
  channels: readonly number[];
  start: number;
  count: number;
}

/** Physical values `(digital - baseline) / gain` of a window, as float32 for the renderer. */
export function readSignalWindow(db: Database.Database, record: RecordDetail, request: WindowRequest): SignalWindow {
  return {
    start: request.start,
    channels: channelsOf(record, request.channels).map((channel) => {
      const digital = readChannelSamples(db, channel.id, request.start, request.count);
      const values = new Float32Array(digital.length);
      for (let i = 0; i < digital.length; i++) values[i] = ((digital[i] as number) - channel.baseline) / channel.gain;
      return { index: channel.index, values };
    }),
  };
}

/** The envelope of a window in physical units; a negative gain (inverted EDF range) swaps min and max. */
export function readEnvelopeWindow(
  db: Database.Database,
  record: RecordDetail,
  request: WindowRequest & { bins: number },
): EnvelopeWindow {
  let samplesPerBin = Math.max(1, request.count / request.bins);
  const channels = channelsOf(record, request.channels).map((channel) => {
    const window = readEnvelope(db, channel.id, request.start, request.count, request.bins);
    samplesPerBin = window.samplesPerBin;
    const low = new Float32Array(window.min.length);
    const high = new Float32Array(window.max.length);
    for (let i = 0; i < low.length; i++) {
      const a = ((window.min[i] as number) - channel.baseline) / channel.gain;
      const b = ((window.max[i] as number) - channel.baseline) / channel.gain;
      low[i] = channel.gain < 0 ? b : a;
      high[i] = channel.gain < 0 ? a : b;
    }
    return { index: channel.index, min: low, max: high };
  });
  return { start: request.start, samplesPerBin, channels };
}

function channelsOf(record: RecordDetail, indices: readonly number[]): ChannelDetail[] {
  return indices.map((index) => {
    const channel = record.channels[index];
    if (channel === undefined) {
      throw new AppError(
        'invalid-request',
        `record ${record.name} has no channel ${index}; it has channels 0 to ${record.channels.length - 1}`,
      );
    }
    return channel;
  });
}
