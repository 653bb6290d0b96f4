import { AppError } from '../../errors';
import { effectiveGain, type WfdbBaseDate, type WfdbBaseTime } from './header';
import { toInt16 } from './signal-file';
import { encodeSamples, formatGeometry } from './storage-formats';

export interface SignalToWrite {
  name: string;
  units: string;
  /** ADC units per physical unit. */
  gain: number;
  /** Digital value of physical zero. */
  baseline: number;
  /** Written as ADCZERO; 0 when absent. */
  adcZero?: number;
  /** Samples per frame (a signal sampled at that multiple of the frame rate); 1 when absent. */
  samplesPerFrame?: number;
  /** Digital values, frames × samples per frame of them; NaN is written as the format's invalid value. */
  samples: ArrayLike<number>;
}

export interface WfdbRecordToWrite {
  recordName: string;
  /** Frames per second. */
  samplingFrequency: number;
  format: 16 | 212;
  signals: readonly SignalToWrite[];
  baseTime?: WfdbBaseTime;
  baseDate?: WfdbBaseDate;
  /** Info strings, written as comment lines after the signals. */
  info?: readonly string[];
  /** The signal file's name; `<recordName>.dat` when absent. */
  datFileName?: string;
}

export interface WrittenRecord {
  /** Text of `<recordName>.hea`. */
  header: string;
  datFileName: string;
  /** Contents of the signal file. */
  data: Buffer;
}

/**
 * Writes a single-segment record in format 16 (lossless for 16-bit data) or 212 (12-bit, packed),
 * all signals multiplexed in one file, with each signal's initial value and checksum in the header.
 * Values outside the format's range are clamped; NaN becomes the invalid value.
 */
export function writeSignals(record: WfdbRecordToWrite): WrittenRecord {
  const { recordName, samplingFrequency, format, signals } = record;
  if (!/^[^\s/\\]+$/.test(recordName)) {
    throw new AppError('invalid-request', `record name '${recordName}': expected a name without spaces or slashes`);
  }
  if (!(samplingFrequency > 0) || !Number.isFinite(samplingFrequency)) {
    throw new AppError('invalid-request', `sampling frequency ${samplingFrequency}: expected a positive number`);
  }
  const datFileName = record.datFileName ?? `${recordName}.dat`;
  if (!/^[^\s/\\]+$/.test(datFileName)) {
    throw new AppError(
      'invalid-request',
      `signal file name '${datFileName}': expected a name without spaces or slashes`,
    );
  }

  const spfs = signals.map((s) => s.samplesPerFrame ?? 1);
  const frameSize = spfs.reduce((a, b) => a + b, 0);
  let frames = 0;
  signals.forEach((signal, i) => {
    const spf = spfs[i] ?? 1;
    if (!Number.isInteger(spf) || spf < 1) {
      throw new AppError(
        'invalid-request',
        `signal ${i} (${signal.name}): samples per frame must be a positive integer`,
      );
    }
    const signalFrames = signal.samples.length / spf;
    if (i === 0) frames = signalFrames;
    if (!Number.isInteger(signalFrames) || signalFrames !== frames) {
      throw new AppError(
        'invalid-request',
        `signal ${i} (${signal.name}): expected ${frames * spf} samples (${frames} frames × ${spf}), found ${signal.samples.length}`,
      );
    }
    if (!Number.isFinite(signal.gain) || !Number.isInteger(signal.baseline) || /[\r\n]/.test(signal.name)) {
      throw new AppError(
        'invalid-request',
        `signal ${i} (${signal.name}): expected a finite gain, an integer baseline and a one-line name`,
      );
    }
  });

  const { min: formatMin, max, invalid } = formatGeometry(format);
  // A valid value must not collide with the marker for a missing one.
  const min = invalid === null ? formatMin : invalid + 1;
  const stored = new Int32Array(frames * frameSize);
  const initValues = new Array<number>(signals.length).fill(0);
  const sums = new Array<number>(signals.length).fill(0);
  let position = 0;
  signals.forEach((signal, i) => {
    const spf = spfs[i] ?? 1;
    const samples = signal.samples;
    let sum = 0;
    for (let frame = 0, k = 0; frame < frames; frame++) {
      for (let m = 0; m < spf; m++, k++) {
        const value = samples[k] ?? NaN;
        const v = Number.isNaN(value) ? (invalid ?? 0) : Math.min(max, Math.max(min, Math.round(value)));
        stored[frame * frameSize + position + m] = v;
        sum = (sum + v) | 0;
      }
    }
    initValues[i] = stored[position] ?? 0;
    sums[i] = toInt16(sum);
    position += spf;
  });

  const resolution = format === 16 ? 16 : 12;
  const lines: string[] = [];
  let recordLine = `${recordName} ${signals.length} ${samplingFrequency} ${frames}`;
  if (record.baseTime !== undefined) {
    const t = record.baseTime;
    recordLine += ` ${two(t.hours)}:${two(t.minutes)}:${two(t.seconds)}${t.fraction === '' ? '' : `.${t.fraction}`}`;
    if (record.baseDate !== undefined) {
      const d = record.baseDate;
      recordLine += ` ${two(d.day)}/${two(d.month)}/${String(d.year).padStart(4, '0')}`;
    }
  }
  lines.push(recordLine);
  signals.forEach((signal, i) => {
    const spf = spfs[i] ?? 1;
    const units = signal.units.trim() === '' ? 'mV' : signal.units.trim().replace(/\s+/g, '_');
    const fmt = spf === 1 ? `${format}` : `${format}x${spf}`;
    const fields = [
      datFileName,
      fmt,
      `${signal.gain}(${signal.baseline})/${units}`,
      resolution,
      signal.adcZero ?? 0,
      initValues[i] ?? 0,
      sums[i] ?? 0,
      0,
    ];
    lines.push(`${fields.join(' ')}${signal.name.trim() === '' ? '' : ` ${signal.name.trim()}`}`);
  });
  for (const info of record.info ?? []) {
    for (const line of info.split(/\r?\n/)) lines.push(`# ${line}`);
  }
  const data = Buffer.from(encodeSamples(format, stored));
  return { header: `${lines.join('\n')}\n`, datFileName, data };
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Physical values to digital ones: round(physical × gain) + baseline, rounding half away from
 * zero as the WFDB library's physadu does; NaN stays NaN (a missing sample).
 */
export function physicalToDigital(values: ArrayLike<number>, gain: number, baseline: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const scaled = (values[i] ?? NaN) * gain;
    out[i] = Math.sign(scaled) * Math.round(Math.abs(scaled)) + baseline;
  }
  return out;
}

/** Digital values to physical ones in float64: (d − baseline) / gain; NaN stays NaN. */
export function digitalToPhysical(values: ArrayLike<number>, gain: number, baseline: number): Float64Array {
  const g = effectiveGain(gain);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = ((values[i] ?? NaN) - baseline) / g;
  return out;
}
