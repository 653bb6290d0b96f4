import type { RecordInfo } from '$api/contract';
import {
  blockRequest,
  blockServes,
  spanRequest,
  widen,
  type BlockRequest,
  type SampleSpan,
  type TraceBlock,
} from './level-of-detail';
import type { RecordReader } from './read-queue';

type SignalReader = Pick<RecordReader, 'readSignal' | 'readEnvelope'>;

/** Blocks kept per channel: the current one, and a few to come back to after a zoom. */
const KEPT_BLOCKS = 4;
/** Bins of the whole-record envelope behind the overview strip and the fallback while a block loads. */
export const OVERVIEW_BINS = 2048;

/**
 * One channel's samples as the lanes draw them: a whole-record envelope, and blocks around the
 * window fetched ahead of panning. Nothing here is reactive: the arrays are large, and the
 * canvas redraws when `onLoaded` says a block arrived.
 */
export class ChannelTrace {
  overview: TraceBlock | null = null;
  private blocks: TraceBlock[] = [];
  private loading: Promise<void> | null = null;
  /** The last request made: asked again only if it failed to serve, which would loop forever. */
  private lastRequest = '';

  constructor(
    private readonly reader: SignalReader,
    private readonly recordId: number,
    readonly channel: number,
    readonly sampleCount: number,
    private readonly onLoaded: () => void,
    private readonly onError: (message: string) => void,
  ) {}

  async loadOverview(): Promise<void> {
    const whole = { start: 0, end: Math.max(1, this.sampleCount) };
    // A short channel is read whole: its overview is its samples.
    const samplesPerBin = whole.end <= OVERVIEW_BINS ? 1 : whole.end / OVERVIEW_BINS;
    this.overview = await this.read(spanRequest(whole, samplesPerBin));
    this.onLoaded();
  }

  /**
   * The block that draws `view` at full detail, or else the nearest thing to it while the right
   * one loads (null: draw the overview). Asks for a block whenever the view comes within half
   * a window of the served block's edge, so that steady panning rarely waits.
   */
  blockFor(view: SampleSpan, samplesPerColumn: number): TraceBlock | null {
    const serving = this.blocks.find((block) => blockServes(block, view, samplesPerColumn)) ?? null;
    const ahead = widen(view, 0.5, this.sampleCount);
    if (this.loading === null && (serving === null || !blockServes(serving, ahead, samplesPerColumn))) {
      this.request(view, samplesPerColumn);
    }
    if (serving !== null) return serving;
    return this.blocks.find((block) => block.start < view.end && block.end > view.start) ?? null;
  }

  private request(view: SampleSpan, samplesPerColumn: number): void {
    const request = blockRequest(view, samplesPerColumn, this.sampleCount);
    const key = JSON.stringify(request);
    if (key === this.lastRequest) return;
    this.lastRequest = key;
    this.loading = this.read(request).then(
      (block) => {
        this.blocks = [block, ...this.blocks.filter((kept) => kept !== block)].slice(0, KEPT_BLOCKS);
        this.loading = null;
        this.onLoaded();
      },
      (failure: unknown) => {
        this.loading = null;
        this.onError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  }

  private async read(request: BlockRequest): Promise<TraceBlock> {
    const window = { recordId: this.recordId, channels: [this.channel] };
    if (request.detail === 'samples') {
      const answer = await this.reader.readSignal({ ...window, start: request.start, count: request.count });
      const values = answer.channels[0]?.values ?? new Float32Array(0);
      return {
        detail: 'samples',
        start: request.start,
        end: request.start + values.length,
        samplesPerBin: 1,
        min: values,
        max: values,
      };
    }
    const parts = await Promise.all(request.reads.map((read) => this.reader.readEnvelope({ ...window, ...read })));
    const min = joined(parts.map((part) => part.channels[0]?.min ?? new Float32Array(0)));
    const max = joined(parts.map((part) => part.channels[0]?.max ?? new Float32Array(0)));
    const samplesPerBin = parts[0]?.samplesPerBin ?? request.samplesPerBin;
    const end = Math.min(this.sampleCount, request.start + min.length * samplesPerBin);
    return { detail: 'envelope', start: request.start, end, samplesPerBin, min, max };
  }
}

function joined(arrays: readonly Float32Array[]): Float32Array {
  if (arrays.length === 1) return arrays[0] as Float32Array;
  const out = new Float32Array(arrays.reduce((length, array) => length + array.length, 0));
  let at = 0;
  for (const array of arrays) {
    out.set(array, at);
    at += array.length;
  }
  return out;
}

/** One trace per channel of a record. */
export function channelTraces(
  reader: SignalReader,
  record: RecordInfo,
  onLoaded: () => void,
  onError: (message: string) => void,
): ReadonlyMap<number, ChannelTrace> {
  return new Map(
    record.channels.map((channel) => [
      channel.index,
      new ChannelTrace(reader, record.id, channel.index, channel.sampleCount, onLoaded, onError),
    ]),
  );
}
