import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSources, openSources, type SourceRecord } from '../src-main/formats';
import { openWfdbRecord } from '../src-main/formats/wfdb';
import { findRecord, openStudy, readChannelSamples, readEnvelope } from '../src-main/store';
import { measure, type Measurement } from './harness';

/** The sample data beside the checkout (npm runs benchmarks from the repository root). */
const record100 = join(process.cwd(), '..', 'shared', 'data', 'wfdb', '100.hea');

/**
 * A 24-hour, 2-lead, 250 Hz record whose samples are computed on demand: it streams through
 * the real import pipeline without ever existing as a whole, as a long Holter file would.
 */
function holterRecord(): SourceRecord {
  const rate = 250;
  const count = 24 * 3600 * rate;
  const channel = { units: 'mV', gain: 200, baseline: 0, adcResolution: 12, samplingRateHz: rate, sampleCount: count };
  return {
    name: 'holter-24h',
    format: 'synthetic',
    startTime: null,
    frameRateHz: rate,
    frameCount: count,
    patientId: null,
    channels: [
      { name: 'I', ...channel },
      { name: 'II', ...channel },
    ],
    info: [],
    warnings: [],
    readSamples(index, start, n) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const t = (start + i) / rate;
        out[i] = Math.round(
          200 * (Math.sin(2 * Math.PI * 1.2 * t) * (index + 1) + 0.1 * Math.sin(2 * Math.PI * 17 * t)),
        );
      }
      return out;
    },
    annotations: () => [],
    close: () => undefined,
  };
}

export async function storeAndFormatsBenchmarks(): Promise<Measurement[]> {
  const dir = mkdtempSync(join(tmpdir(), 'salience-bench-'));
  const results: Measurement[] = [];
  try {
    if (existsSync(record100)) {
      results.push(
        await measure(
          'read MIT-BIH 100 (650,000 × 2, fmt 212)',
          () => {
            const record = openWfdbRecord(record100);
            record.readSamples(0, 0, 650000);
            record.readSamples(1, 0, 650000);
            record.close();
          },
          { runs: 15, warmup: 3 },
        ),
      );
      let n = 0;
      results.push(
        await measure(
          'import MIT-BIH 100 with 100.atr into a new study',
          async () => {
            const study = openStudy(join(dir, `import-${n++}.sqlite`), { create: true });
            const sources = await openSources(record100, 'wfdb');
            importSources(study, sources, 'bench');
            for (const { source } of sources) source.close();
            study.close();
          },
          { runs: 9, warmup: 2, target: '< 300 ms' },
        ),
      );
    } else {
      console.warn(`skipped the MIT-BIH 100 benchmarks: ${record100} is absent`);
    }

    const holter = openStudy(join(dir, 'holter.sqlite'), { create: true });
    const started = performance.now();
    importSources(holter, [{ path: 'synthetic:holter-24h', source: holterRecord() }], 'bench');
    console.log(
      `(setup: imported a 24-hour 2-lead 250 Hz record in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    const channels = findRecord(holter.db, 'holter-24h').channels;
    const total = channels[0]?.sampleCount ?? 0;
    let seed = 1;
    const nextStart = (): number => {
      seed = (seed * 48271) % 2147483647;
      return Math.floor((seed / 2147483647) * (total - 2500));
    };
    results.push(
      await measure(
        'read a random 10-s window (2 leads) of a 24-hour record',
        () => {
          const start = nextStart();
          for (const channel of channels) readChannelSamples(holter.db, channel.id, start, 2500);
        },
        { runs: 101, warmup: 10, target: '< 5 ms' },
      ),
    );
    results.push(
      await measure(
        'envelope of a whole 24-hour record at 2,000 px (2 leads)',
        () => {
          for (const channel of channels) readEnvelope(holter.db, channel.id, 0, total, 2000);
        },
        { runs: 51, warmup: 5, target: '< 10 ms' },
      ),
    );
    holter.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
