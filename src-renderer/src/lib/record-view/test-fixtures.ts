import type { ApiParams, ApiResult, Annotation, RecordInfo } from '$api/contract';
import type { RecordReader } from './ecg-view.svelte';

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

  readSignal = (params: ApiParams<'readSignal'>): Promise<ApiResult<'readSignal'>> =>
    this.held(this.signalCalls, params, () => ({
      start: params.start,
      channels: params.channels.map((index) => ({
        index,
        values: Float32Array.from({ length: params.count }, (_, i) => rampValue(index, params.start + i)),
      })),
    }));

  /** Bins of exactly `count / bins` samples, as the store gives at its finest levels. */
  readEnvelope = (params: ApiParams<'readEnvelope'>): Promise<ApiResult<'readEnvelope'>> =>
    this.held(this.envelopeCalls, params, () => {
      const samplesPerBin = Math.max(1, Math.floor(params.count / params.bins));
      const bins = Math.ceil(params.count / samplesPerBin);
      const edge = (i: number): number => params.start + Math.min(params.count, i * samplesPerBin);
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

  listAnnotations = (): Promise<ApiResult<'listAnnotations'>> => Promise.resolve({ annotations: this.annotations });

  /** Answers every call made so far, and lets their callbacks run. */
  async release(): Promise<void> {
    for (const call of [...this.signalCalls, ...this.envelopeCalls]) call.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  private held<P, R>(calls: PendingCall<P>[], params: P, answer: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      calls.push({
        params,
        resolve: () => (this.failWith === null ? resolve(answer()) : reject(new Error(this.failWith))),
      });
    });
  }
}
