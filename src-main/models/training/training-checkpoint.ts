import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { allocate, dtypeFromOnnx, numel, onnxTypeCode } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import type { RngState } from '../../engine/program';
import { AppError } from '../../errors';
import type { EpochLosses, TrainerState } from './trainer';

/** Which training run a saved state belongs to: a name for people, a digest of everything that shapes the run. */
export interface TrainingRun {
  readonly label: string;
  readonly digest: string;
}

/** What `trainNetwork` takes to save a run after every epoch and to continue it from the last save. */
export interface TrainingCheckpoint {
  readonly resume?: TrainerState;
  readonly onEpochEnd: (state: TrainerState) => void;
}

const MAGIC = Buffer.from('salience training state\n', 'latin1');
const FORMAT = 1;

interface TensorEntry {
  readonly name: string;
  readonly dtype: number;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly bytes: number;
}

interface Header {
  readonly format: number;
  readonly run: TrainingRun;
  readonly epoch: number;
  readonly rng: RngState;
  /** null while no epoch has scored (JSON has no −∞). */
  readonly best: { readonly score: number | null; readonly epoch: number };
  readonly keptEpoch: number;
  readonly history: readonly EpochLosses[];
  readonly elapsedSec: number;
  readonly order: { readonly offset: number; readonly length: number };
  readonly step: readonly TensorEntry[];
  readonly buffers: readonly TensorEntry[];
  readonly kept: readonly TensorEntry[];
}

/**
 * Checkpointing of one run in one file: the state saved after every epoch (written beside it and
 * renamed over it, so a run stopped mid-write leaves the previous epoch's file), and, when the file
 * holds a state of the same run, the state to resume from. A file of another run is refused.
 */
export function trainingCheckpoint(path: string, run: TrainingRun): TrainingCheckpoint {
  const resume = existsSync(path) ? readTrainerState(path, run) : undefined;
  return { ...(resume ? { resume } : {}), onEpochEnd: (state) => writeTrainerState(path, run, state) };
}

/** Removes a run's checkpoint once its results are written. */
export function removeTrainingCheckpoint(path: string): void {
  rmSync(path, { force: true });
}

/** Writes a run's state (host byte order, little-endian on every platform the app ships for). */
export function writeTrainerState(path: string, run: TrainingRun, state: TrainerState): void {
  const chunks: Buffer[] = [];
  let offset = 0;
  const add = (bytes: Buffer): number => {
    const at = offset;
    chunks.push(bytes);
    offset += bytes.length;
    return at;
  };
  const entries = (values: ReadonlyMap<string, Tensor>): TensorEntry[] =>
    [...values].map(([name, t]) => {
      const bytes = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
      return { name, dtype: onnxTypeCode(t.dtype), shape: [...t.shape], offset: add(bytes), bytes: bytes.length };
    });
  const order = state.order;
  const header: Header = {
    format: FORMAT,
    run,
    epoch: state.epoch,
    rng: state.rng,
    best: { score: Number.isFinite(state.best.score) ? state.best.score : null, epoch: state.best.epoch },
    keptEpoch: state.kept.epoch,
    history: state.history,
    elapsedSec: state.elapsedSec,
    order: { offset: add(Buffer.from(order.buffer, order.byteOffset, order.byteLength)), length: order.length },
    step: entries(state.step),
    buffers: entries(state.buffers),
    kept: entries(state.kept.params),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  writeFileSync(partial, Buffer.concat([MAGIC, length, json, ...chunks]));
  renameSync(partial, path);
}

/** Reads a state `writeTrainerState` wrote for `run`; a file of another run, or a damaged one, is refused by name. */
export function readTrainerState(path: string, run: TrainingRun): TrainerState {
  const fail = (what: string): AppError => new AppError('bad-input', `${path}: ${what}`);
  const file = readFileSync(path);
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) throw fail('not a saved training state');
  const headerEnd = MAGIC.length + 4 + (file.length >= MAGIC.length + 4 ? file.readUInt32LE(MAGIC.length) : 0);
  if (headerEnd > file.length) throw fail('truncated: the header runs past the end of the file');
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.subarray(MAGIC.length + 4, headerEnd).toString('utf8'));
  } catch {
    throw fail('the header is not valid JSON');
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (fields.format !== FORMAT) throw fail(`format ${JSON.stringify(fields.format)}, expected ${FORMAT}`);
  const saved = (typeof fields.run === 'object' && fields.run !== null ? fields.run : {}) as Partial<TrainingRun>;
  if (saved.digest !== run.digest) {
    throw fail(
      `saved by another training run (${saved.label ?? 'unnamed'}) than this one (${run.label}): ` +
        'its data, network or options differ; remove the file to start this run afresh',
    );
  }
  const missing = headerProblem(fields);
  if (missing) throw fail(`the header's '${missing}' is missing or malformed`);
  const header = fields as unknown as Header;
  const payload = file.subarray(headerEnd);
  const bytesAt = (offset: number, bytes: number, field: string): Buffer => {
    if (!Number.isInteger(offset) || !Number.isInteger(bytes) || offset < 0 || offset + bytes > payload.length) {
      throw fail(`${field}: bytes ${offset}…${offset + bytes} lie outside the file's ${payload.length} data bytes`);
    }
    return payload.subarray(offset, offset + bytes);
  };
  const values = (list: readonly TensorEntry[], field: string): Map<string, Tensor> =>
    new Map(
      list.map((entry): [string, Tensor] => {
        const where = `${field}.${entry.name}`;
        const dtype = dtypeFromOnnx(entry.dtype, `${path}: ${where}`);
        const data = allocate(dtype, numel(entry.shape));
        if (data.byteLength !== entry.bytes) {
          throw fail(`${where}: ${entry.bytes} bytes for a ${dtype} [${entry.shape.join(', ')}] tensor`);
        }
        new Uint8Array(data.buffer).set(bytesAt(entry.offset, entry.bytes, where));
        return [entry.name, { dtype, shape: [...entry.shape], data }];
      }),
    );
  const order = new Int32Array(header.order.length);
  new Uint8Array(order.buffer).set(bytesAt(header.order.offset, order.byteLength, 'order'));
  return {
    epoch: header.epoch,
    step: values(header.step, 'step'),
    buffers: values(header.buffers, 'buffers'),
    rng: header.rng,
    order,
    best: { score: header.best.score ?? -Infinity, epoch: header.best.epoch },
    kept: { epoch: header.keptEpoch, params: values(header.kept, 'kept') },
    history: header.history,
    elapsedSec: header.elapsedSec,
  };
}

/** The first header field that is missing or of the wrong kind, if any (the digest matched, so this is damage). */
function headerProblem(fields: Record<string, unknown>): string | undefined {
  const isNumber = (v: unknown): boolean => typeof v === 'number';
  const record = (v: unknown): Record<string, unknown> | undefined =>
    typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  const isEntries = (v: unknown): boolean =>
    Array.isArray(v) &&
    v.every((item: unknown) => {
      const e = record(item);
      return (
        e !== undefined &&
        typeof e.name === 'string' &&
        Array.isArray(e.shape) &&
        isNumber(e.dtype) &&
        isNumber(e.offset) &&
        isNumber(e.bytes)
      );
    });
  const checks: [string, boolean][] = [
    ['epoch', isNumber(fields.epoch)],
    ['rng', Array.isArray(record(fields.rng)?.words)],
    ['best', isNumber(record(fields.best)?.epoch)],
    ['keptEpoch', isNumber(fields.keptEpoch)],
    ['history', Array.isArray(fields.history)],
    ['elapsedSec', isNumber(fields.elapsedSec)],
    ['order', isNumber(record(fields.order)?.length) && isNumber(record(fields.order)?.offset)],
    ['step', isEntries(fields.step)],
    ['buffers', isEntries(fields.buffers)],
    ['kept', isEntries(fields.kept)],
  ];
  return checks.find(([, ok]) => !ok)?.[0];
}
