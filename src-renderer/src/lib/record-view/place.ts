/**
 * Where the analyst is, as the address bar keeps it: `#/record/12?t=83.5&speed=25&leads=1,0`.
 * A reload, a bookmark or Back returns to the same record, window and layout.
 */
export interface RecordPlace {
  recordId: number;
  startSec?: number;
  mmPerSec?: number;
  /** Shown channels, top to bottom. */
  leads?: number[];
  /** Gains the analyst set, mm per unit by channel; other lanes keep their standard gain. */
  gains?: Record<number, number>;
  heatmap?: boolean;
}

export type Route = { view: 'records' } | { view: 'settings' } | ({ view: 'record' } & RecordPlace);

export function parseRoute(hash: string): Route {
  if (hash === '#/settings') return { view: 'settings' };
  const match = /^#\/record\/(\d+)(?:\?(.*))?$/.exec(hash);
  if (match === null) return { view: 'records' };
  const params = new URLSearchParams(match[2] ?? '');
  const route: Route = { view: 'record', recordId: Number(match[1]) };
  const startSec = positiveNumber(params.get('t'));
  const mmPerSec = positiveNumber(params.get('speed'));
  const leads = numberList(params.get('leads'));
  const gains = gainList(params.get('gains'));
  if (startSec !== undefined) route.startSec = startSec;
  if (mmPerSec !== undefined && mmPerSec > 0) route.mmPerSec = mmPerSec;
  if (leads !== undefined && leads.every(Number.isInteger)) route.leads = leads;
  if (gains !== undefined) route.gains = gains;
  if (params.get('view') === 'heatmap') route.heatmap = true;
  return route;
}

export function recordHash(place: RecordPlace): string {
  const params = new URLSearchParams();
  if (place.startSec !== undefined) params.set('t', String(Math.round(place.startSec * 1000) / 1000));
  if (place.mmPerSec !== undefined) params.set('speed', String(Number(place.mmPerSec.toPrecision(4))));
  if (place.leads !== undefined) params.set('leads', place.leads.join(','));
  const gains = Object.entries(place.gains ?? {}).map(([channel, gain]) => `${channel}:${Number(gain.toPrecision(4))}`);
  if (gains.length > 0) params.set('gains', gains.join(','));
  if (place.heatmap === true) params.set('view', 'heatmap');
  const query = params.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
  return `#/record/${place.recordId}${query === '' ? '' : `?${query}`}`;
}

function positiveNumber(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function numberList(text: string | null): number[] | undefined {
  if (text === null || text === '') return undefined;
  const values = text.split(',').map(Number);
  return values.every((value) => Number.isFinite(value) && value >= 0) ? values : undefined;
}

/** "0:20,1:5" → {0: 20, 1: 5}; undefined when any pair is malformed. */
function gainList(text: string | null): Record<number, number> | undefined {
  if (text === null || text === '') return undefined;
  const gains: Record<number, number> = {};
  for (const pair of text.split(',')) {
    const [channel, gain] = pair.split(':').map(Number);
    if (channel === undefined || gain === undefined || !Number.isInteger(channel) || channel < 0 || !(gain > 0)) {
      return undefined;
    }
    gains[channel] = gain;
  }
  return gains;
}
