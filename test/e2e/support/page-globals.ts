/**
 * What the tests reach in the page from `evaluate` callbacks. test/e2e is compiled without the
 * DOM library (it runs in Node), so the callbacks cast `globalThis` to this much of the page.
 */
export interface PageCanvas {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

export interface PageGlobals {
  document: {
    querySelector(selector: string): PageCanvas | null;
    addEventListener(type: 'click', listener: (event: { timeStamp: number }) => void, options: object): void;
  };
  requestAnimationFrame(callback: () => void): number;
  /** Left by the speed test between its evaluate calls. */
  clickedAt?: number;
  firstTraceAt?: Promise<number>;
  frames?: number[];
  latencies?: number[];
}
