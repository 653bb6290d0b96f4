/**
 * Where each data record sits on the record's frame axis. Plain EDF/BDF and EDF+C records
 * follow one another; EDF+D records sit at their time-keeping TAL, with gaps between them.
 */
export class RecordTimeline {
  readonly frameCount: number;

  constructor(
    readonly framesPerRecord: number,
    readonly recordCount: number,
    /** First frame of each record; null when records are back to back. */
    private readonly frameStarts: Float64Array | null,
  ) {
    this.frameCount = recordCount === 0 ? 0 : this.frameStart(recordCount - 1) + framesPerRecord;
  }

  frameStart(record: number): number {
    return this.frameStarts === null ? record * this.framesPerRecord : (this.frameStarts[record] as number);
  }

  /**
   * Calls `visit` for each record holding channel samples `[start, end)` of a channel with
   * `samplesPerFrame` samples per frame, with the part of the record that is wanted
   * (`from`, `to`: sample indices inside the record) and where it goes (`outIndex`, from `start`).
   */
  forEachPiece(
    samplesPerFrame: number,
    start: number,
    end: number,
    visit: (record: number, from: number, to: number, outIndex: number) => void,
  ): void {
    const samplesPerRecord = this.framesPerRecord * samplesPerFrame;
    for (
      let record = this.firstRecordEndingAfter(Math.floor(start / samplesPerFrame));
      record < this.recordCount;
      record++
    ) {
      const recordStart = this.frameStart(record) * samplesPerFrame;
      if (recordStart >= end) break;
      const from = Math.max(start, recordStart) - recordStart;
      const to = Math.min(end, recordStart + samplesPerRecord) - recordStart;
      if (to > from) visit(record, from, to, recordStart + from - start);
    }
  }

  private firstRecordEndingAfter(frame: number): number {
    if (this.frameStarts === null) return Math.max(0, Math.floor(frame / this.framesPerRecord));
    let low = 0;
    let high = this.recordCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.frameStart(middle) + this.framesPerRecord > frame) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
