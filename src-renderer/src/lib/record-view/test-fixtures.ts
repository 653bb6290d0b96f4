import { toAnnotationColumns } from '$api/annotation-columns';
import type { ApiParams, ApiResult, Annotation, RecordInfo } from '$api/contract';
import { envelopeBins } from './level-of-detail';
import type { RecordReader } from './read-queue';

/** Shared by the record view's tests: a 30-minute 2-lead record, annotations, and a reader. */

export const RATE = 360;

export const twoLeadRecord: RecordInfo = {
  id: 1,
  name: 'demo-ecg-01',
  source: 'synthetic',
  patientId: 'demo-p01',
  channelCount: 2,
  samplingRateHz: RATE,
  sampleCount: RATE * 1800,
  durationSec: 1800,
  annotationCount: 0,
  startTime: null,
  frameRateHz: RATE,
  info: [],
  warnings: [],
  channels: ['MLII', 'V5'].map((name, index) => ({
    index,
    name,
    units: 'mV',
    samplingRateHz: RATE,
    sampleCount: RATE * 1800,
    gain: 200,
    baseline: 0,
  })),
};

/** An ICU stay's rate: one sample an hour. */
export const HOURLY = 1 / 3600;

/** A 48-hour stay with a channel per rate (HeartRate, SpO2, then c2…): hourly ones make it a feature record. */
export function featureRecord(rates: number[]): RecordInfo {
  return {
    id: 4,
    name: 'stay',
    source: 'mimic3',
    patientId: null,
    channelCount: rates.length,
    samplingRateHz: Math.max(...rates),
    sampleCount: 48,
    durationSec: 48 * 3600,
    annotationCount: 0,
    startTime: null,
    frameRateHz: HOURLY,
    info: [],
    warnings: [],
    channels: rates.map((rate, index) => ({
      index,
      name: ['HeartRate', 'SpO2'][index] ?? `c${index}`,
      units: ['bpm', '%'][index] ?? '',
      samplingRateHz: rate,
      sampleCount: 48,
      gain: 1,
      baseline: 0,
    })),
  };
}

/** An imported annotation at `sample` (at the record's frame rate). */
export function annotation(
  sample: number,
  symbol: string,
  aux: string | null = null,
  channel: number | null = null,
): Annotation {
  return {
    id: sample,
    sample,
    endSample: null,
    channel,
    code: null,
    symbol,
    subtype: 0,
    aux,
    author: 'test',
    source: 'imported',
    createdAt: '',
    updatedAt: '',
  };
}

export function beatAt(seconds: number, symbol: string): Annotation {
  return annotation(Math.round(seconds * RATE), symbol);
}

/** A channel's physical value at a sample: a ramp, so that any window can be checked by eye. */
export const rampValue = (channel: number, sample: number): number => channel * 1000 + sample / 1000;

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface PendingCall<T> {
  params: T;
  resolve: () => void;
}

/**
 * A record reader for tests: answers with ramps, and holds every answer until the test
 * releases it, so that "while a block loads" can be tested.
 */
export class TestReader implements RecordReader {
  readonly signalCalls: PendingCall<ApiParams<'readSignal'>>[] = [];
  readonly envelopeCalls: PendingCall<ApiParams<'readEnvelope'>>[] = [];
  annotations: Annotation[] = [];
  failWith: string | null = null;
  /** Every call's method, in the order the calls were made. */
  readonly sent: string[] = [];

  readSignal = (params: ApiParams<'readSignal'>): Promise<ApiResult<'readSignal'>> =>
    this.held('readSignal', this.signalCalls, params, () => ({
      start: params.start,
      channels: params.channels.map((index) => ({
        index,
        values: Float32Array.from({ length: params.count }, (_, i) => rampValue(index, params.start + i)),
      })),
    }));

  /** Bins as the store gives them: its pyramid's rule, cut at the channel's end (1800 s here). */
  readEnvelope = (params: ApiParams<'readEnvelope'>): Promise<ApiResult<'readEnvelope'>> =>
    this.held('readEnvelope', this.envelopeCalls, params, () => {
      const { levelBin, samplesPerBin } = envelopeBins(params.count / params.bins);
      const first = params.start - (params.start % levelBin);
      const end = Math.min(twoLeadRecord.sampleCount, params.start + params.count);
      const bins = Math.max(0, Math.ceil((end - first) / samplesPerBin));
      const edge = (i: number): number => Math.min(end, first + i * samplesPerBin);
      return {
        start: params.start,
        samplesPerBin,
        channels: params.channels.map((index) => ({
          index,
          min: Float32Array.from({ length: bins }, (_, i) => rampValue(index, edge(i))),
          max: Float32Array.from({ length: bins }, (_, i) => rampValue(index, edge(i + 1) - 1)),
        })),
      };
    });

  listAnnotations = (): Promise<ApiResult<'listAnnotations'>> => {
    this.sent.push('listAnnotations');
    return Promise.resolve(toAnnotationColumns(this.annotations));
  };

  /** Answers every call made so far (including those still queued for this tick), and lets their callbacks run. */
  async release(): Promise<void> {
    await nextTask();
    for (const call of [...this.signalCalls, ...this.envelopeCalls]) call.resolve();
    await nextTask();
  }

  private held<P, R>(method: string, calls: PendingCall<P>[], params: P, answer: () => R): Promise<R> {
    this.sent.push(method);
    return new Promise<R>((resolve, reject) => {
      calls.push({
        params,
        resolve: () => (this.failWith === null ? resolve(answer()) : reject(new Error(this.failWith))),
      });
    });
  }
}
