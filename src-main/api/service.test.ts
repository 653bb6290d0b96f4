import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../test/support/sample-data';
import { importSources, openSources } from '../formats';
import { openWfdbRecord } from '../formats/wfdb';
import type { JobQueue } from '../jobs';
import { buildJobBundles, type JobBundles } from '../jobs/testing/build-job-bundles';
import { openStudy } from '../store';
import { dispatch } from './dispatch';
import type { Service } from './service';
import { StudyHost } from './study-host';

const hea = join(fixturesDir('wfdb'), '100_3chan.hea');
let dir: string;
let host: StudyHost;
let service: Service;
let jobs: JobQueue;
let bundles: JobBundles;
let recordId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salience-service-'));
  const path = join(dir, 'study.sqlite');
  const created = openStudy(path, { create: true });
  const items = await openSources(hea, 'wfdb');
  recordId = importSources(created, items, 'tester')[0]?.recordId ?? -1;
  for (const { source } of items) source.close();
  created.close();
  bundles = await buildJobBundles();
  host = await StudyHost.open(path, {
    shell: 'cli',
    jobs: { actor: 'tester', workerUrl: bundles.worker, progressIntervalMs: 0 },
  });
  ({ service, jobs } = host);
});
afterAll(async () => {
  await host.close();
  bundles.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('the record-view calls', () => {
  it('describe a record with its channels', async () => {
    const record = await service.api.getRecord({ recordId });
    expect(record).toMatchObject({ name: '100_3chan', channelCount: 3, sampleCount: 999, frameRateHz: 360 });
    expect(record.channels.map((c) => [c.name, c.units, c.gain, c.baseline])).toEqual([
      ['I', 'mV', 200, 1024],
      ['II', 'mV', 200, 1024],
      ['III', 'mV', 200, 1024],
    ]);
  });

  it('read a window in physical units as float32, in the order asked', async () => {
    const window = await service.api.readSignal({ recordId, channels: [1, 0], start: 100, count: 50 });
    const reader = openWfdbRecord(hea);
    const [ii, i] = [reader.readSamples(1, 100, 50), reader.readSamples(0, 100, 50)];
    reader.close();
    expect(window.channels.map((c) => c.index)).toEqual([1, 0]);
    expect(window.channels[0]?.values).toBeInstanceOf(Float32Array);
    expect(Array.from(window.channels[0]?.values ?? [])).toEqual(Array.from(ii, (d) => Math.fround((d - 1024) / 200)));
    expect(Array.from(window.channels[1]?.values ?? [])).toEqual(Array.from(i, (d) => Math.fround((d - 1024) / 200)));
  });

  it('read an envelope whose bins bound the physical samples', async () => {
    const full = await service.api.readSignal({ recordId, channels: [0], start: 0, count: 999 });
    const envelope = await service.api.readEnvelope({ recordId, channels: [0], start: 0, count: 999, bins: 10 });
    const values = Array.from(full.channels[0]?.values ?? []);
    const low = envelope.channels[0]?.min ?? new Float32Array(0);
    expect(low.length).toBeGreaterThan(0);
    low.forEach((value, bin) => {
      const slice = values.slice(bin * envelope.samplesPerBin, (bin + 1) * envelope.samplesPerBin);
      expect(value).toBeCloseTo(Math.min(...slice), 6);
      expect(envelope.channels[0]?.max[bin]).toBeCloseTo(Math.max(...slice), 6);
    });
  });

  it('refuse a channel the record does not have, naming the ones it has', async () => {
    const outcome = await dispatch(service.api, 'readSignal', { recordId, channels: [5], start: 0, count: 10 });
    expect(outcome).toEqual({
      ok: false,
      error: { kind: 'invalid-request', message: 'record 100_3chan has no channel 5; it has channels 0 to 2' },
    });
    expect(await dispatch(service.api, 'readSignal', { recordId, channels: [0], start: 0, count: 0 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(await dispatch(service.api, 'getRecord', { recordId: 999 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });
});

describe('the job calls', () => {
  it('run record statistics as a job whose progress and changes arrive as events', async () => {
    const seen: { event: string; payload: unknown }[] = [];
    const unsubscribe = service.events.onAny((event, payload) => seen.push({ event, payload }));
    const started = await service.api.startRecordStatistics({ records: { ids: [recordId] }, seed: 7 });
    expect(started).toMatchObject({ kind: 'record-statistics', seed: 7 });
    const finished = await jobs.settled(started.id);
    unsubscribe();
    expect(finished.status).toBe('succeeded');
    expect(finished.result?.summary.rows).toHaveLength(1);
    const { jobs: listed } = await service.api.listJobs({});
    expect(listed[0]).toMatchObject({ id: started.id, status: 'succeeded' });
    expect(seen.some((e) => e.event === 'jobProgress' && (e.payload as { jobId: number }).jobId === started.id)).toBe(
      true,
    );
    const changes = seen.filter((e) => e.event === 'jobChanged').map((e) => (e.payload as { status: string }).status);
    expect(changes).toContain('running');
    expect(changes.at(-1)).toBe('succeeded');
  });

  it('refuse to resume a job that does not exist', async () => {
    expect(await dispatch(service.api, 'resumeJob', { jobId: 12345 })).toMatchObject({ ok: false });
  });
});
