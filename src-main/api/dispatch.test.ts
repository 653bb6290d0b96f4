import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { Api } from './contract';
import { dispatch } from './dispatch';
import { apiMethodNames } from './method-names';

const records = [
  {
    id: 1,
    name: '100',
    source: 'wfdb',
    patientId: null,
    channelCount: 2,
    samplingRateHz: 360,
    sampleCount: 650000,
    durationSec: 1805.56,
    annotationCount: 2274,
  },
];

function serviceWith(overrides: Partial<Api> = {}): Api {
  const unused = (): Promise<never> => Promise.reject(new Error('not used by these tests'));
  const everyMethodUnused = Object.fromEntries(apiMethodNames.map((name) => [name, unused])) as unknown as Api;
  return {
    ...everyMethodUnused,
    getStudy: () => Promise.reject(new AppError('not-found', 'study.sqlite: no such study')),
    listRecords: ({ search }) => Promise.resolve({ records: search === undefined ? records : [] }),
    ...overrides,
  };
}

describe('dispatch', () => {
  it('runs a known method with valid parameters', async () => {
    expect(await dispatch(serviceWith(), 'listRecords', {})).toEqual({ ok: true, result: { records } });
    expect(await dispatch(serviceWith(), 'listRecords', { search: 'x' })).toEqual({
      ok: true,
      result: { records: [] },
    });
  });

  it('treats absent parameters as an empty object', async () => {
    expect(await dispatch(serviceWith(), 'listRecords', undefined)).toMatchObject({ ok: true });
  });

  it('refuses an unknown method and names the known ones', async () => {
    const outcome = await dispatch(serviceWith(), 'dropStudy', {});
    expect(outcome).toEqual({
      ok: false,
      error: { kind: 'invalid-request', message: expect.stringContaining('unknown method "dropStudy"') as string },
    });
    expect(JSON.stringify(outcome)).toContain('listRecords');
  });

  it('refuses parameters that do not match the schema, naming the field', async () => {
    const wrongType = await dispatch(serviceWith(), 'listRecords', { search: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(JSON.stringify(wrongType)).toContain('search');
    const extra = await dispatch(serviceWith(), 'listRecords', { search: 'a', sql: 'DROP TABLE records' });
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(JSON.stringify(extra)).toContain('sql');
    expect(await dispatch(serviceWith(), 'getStudy', 'not an object')).toMatchObject({ ok: false });
  });

  it("returns the service's own errors as values with their kind", async () => {
    expect(await dispatch(serviceWith(), 'getStudy', {})).toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'study.sqlite: no such study' },
    });
    const crash = serviceWith({ listRecords: () => Promise.reject(new TypeError('boom')) });
    expect(await dispatch(crash, 'listRecords', {})).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'boom' },
    });
  });
});
