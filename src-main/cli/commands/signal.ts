import { writeFileSync } from 'node:fs';
import { writeNpy, tensor } from '../../engine/ir';
import { AppError } from '../../errors';
import { findRecord, readChannelSamples, type ChannelDetail, type RecordDetail } from '../../store';
import { type Command, type OptionValues, UsageError } from '../command';

export const signalCommand: Command = {
  name: 'signal',
  summary: "write a window of a record's samples as a [T, D] .npy array",
  description:
    "Writes samples of one record (named by id or name) as a float32 [T, D] .npy array: physical units by default (WFDB's (digital - baseline) / gain), ADC units with --digital; NaN marks missing samples. The chosen channels must share a sampling rate.",
  positionals: 'ID',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
    out: { type: 'string', value: 'F.npy', required: true, description: 'the array to write' },
    from: { type: 'string', value: 'SEC', description: 'start of the window in seconds (default 0)' },
    to: { type: 'string', value: 'SEC', description: 'end of the window in seconds (default: the end of the record)' },
    channels: { type: 'string', value: 'a,b', description: 'channel names, in the order wanted (default: all)' },
    digital: { type: 'boolean', description: 'write digital (ADC) values instead of physical units' },
  },
  run({ values, positionals, json, io, openStudy }) {
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new UsageError('expected exactly one record id or name');
    const study = openStudy();
    try {
      const record = findRecord(study.db, id);
      const channels = chooseChannels(record, values.channels);
      const rate = channels[0]?.samplingRateHz ?? record.frameRateHz;
      const length = Math.min(...channels.map((c) => c.sampleCount));
      const start = secondsOption(values, 'from', 0, rate, length);
      const end = secondsOption(values, 'to', length, rate, length);
      if (end <= start) throw new UsageError(`--to must come after --from (samples ${start} to ${end})`);
      const data = new Float32Array((end - start) * channels.length);
      channels.forEach((channel, d) => {
        const samples = readChannelSamples(study.db, channel.id, start, end - start);
        for (let t = 0; t < samples.length; t++) {
          const digital = samples[t] as number;
          data[t * channels.length + d] =
            values.digital === true ? digital : (digital - channel.baseline) / channel.gain;
        }
      });
      const out = values.out as string;
      writeFileSync(out, writeNpy(tensor('float32', [end - start, channels.length], data)));
      const summary = {
        out,
        record: record.name,
        shape: [end - start, channels.length],
        channels: channels.map((c) => c.name),
        units: values.digital === true ? channels.map(() => 'adu') : channels.map((c) => c.units),
        startSample: start,
        samplingRateHz: rate,
      };
      if (json) io.out(`${JSON.stringify(summary)}\n`);
      else {
        io.out(
          `wrote ${out}: [${summary.shape.join(', ')}] float32, ${summary.channels.join(', ')} (${summary.units.join(', ')}), samples ${start} to ${end} at ${rate} Hz\n`,
        );
      }
    } finally {
      study.close();
    }
    return Promise.resolve();
  },
};

function chooseChannels(record: RecordDetail, option: string | boolean | undefined): ChannelDetail[] {
  const chosen =
    typeof option === 'string'
      ? option.split(',').map((name) => {
          const channel = record.channels.find((c) => c.name === name.trim());
          if (channel === undefined) {
            throw new UsageError(
              `--channels: record ${record.name} has no channel '${name}'; it has ${record.channels.map((c) => c.name).join(', ')}`,
            );
          }
          return channel;
        })
      : record.channels;
  const rates = new Set(chosen.map((c) => c.samplingRateHz));
  if (rates.size > 1) {
    throw new AppError(
      'invalid-request',
      `record ${record.name}: channels ${chosen.map((c) => `${c.name} (${c.samplingRateHz} Hz)`).join(', ')} differ in sampling rate; choose channels of one rate with --channels`,
    );
  }
  return chosen;
}

function secondsOption(values: OptionValues, name: string, fallback: number, rate: number, length: number): number {
  const value = values[name];
  if (value === undefined) return fallback;
  const seconds = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`--${name}: expected seconds (a number ≥ 0), got '${String(value)}'`);
  }
  return Math.min(length, Math.round(seconds * rate));
}
