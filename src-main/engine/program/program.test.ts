import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fromNumbers, tensor } from '../ir';
import { numbers } from '../testing/fixtures';
import { Tracer } from '../trace';
import { Program } from './program';
import {
  MAX_IDLE_SESSIONS,
  openSessionCount,
  releaseSessions,
  sessionGeneration,
  setSessionDefaults,
} from './session-cache';

function affine(): { g: Tracer; y: ReturnType<Tracer['input']> } {
  const g = new Tracer();
  const x = g.input('x', 'float32', [2, 2]);
  const w = g.param('w', fromNumbers('float32', [2], [10, 20]));
  return { g, y: x.mul(w).add(1) };
}

describe('programs', () => {
  it('runs with typed arrays or tensors, parameters defaulting to their initial value', async () => {
    const { y } = affine();
    const program = await Program.compile({ y });
    expect(program.provider).toBe('cpu');
    expect(program.inputs.map((i) => i.name)).toEqual(['x', 'w']);
    const x = Float32Array.from([1, 2, 3, 4]);
    expect(numbers((await program.run({ x })).y)).toEqual([11, 41, 31, 81]);
    const w = fromNumbers('float32', [2], [1, -1]);
    expect(numbers((await program.run({ x: tensor('float32', [2, 2], x), w })).y)).toEqual([2, -1, 4, -3]);
  });

  it('shares one ONNX Runtime session between programs with the same content', async () => {
    const first = await Program.compile({ y: affine().y });
    const count = openSessionCount();
    const second = await Program.compile({ y: affine().y });
    expect(second.hash).toBe(first.hash);
    expect(openSessionCount()).toBe(count);
    await Program.compile({ y: affine().y }, { intraOpThreads: 1 });
    expect(openSessionCount()).toBe(count + 1);
  });

  it('runs without the memory arena on a session of its own, with the same results', async () => {
    const x = Float32Array.from([1, 2, 3, 4]);
    const withArena = await Program.compile({ y: affine().y });
    const count = openSessionCount();
    const withoutArena = await Program.compile({ y: affine().y }, { memoryArena: false });
    expect(openSessionCount()).toBe(count + 1);
    expect(numbers((await withoutArena.run({ x })).y)).toEqual(numbers((await withArena.run({ x })).y));
  });

  it('keeps at most MAX_IDLE_SESSIONS idle sessions open, and an evicted program opens its session again', async () => {
    const offsets = Array.from({ length: MAX_IDLE_SESSIONS + 8 }, (_, i) => i + 1);
    const programs = await Promise.all(
      offsets.map((offset) => {
        const g = new Tracer();
        return Program.compile({ y: g.input('x', 'float32', [3]).add(offset) });
      }),
    );
    const x = Float32Array.from([1, 2, 3]);
    for (const program of programs) await program.run({ x });
    expect(openSessionCount()).toBeLessThanOrEqual(MAX_IDLE_SESSIONS);
    const results = await Promise.all(programs.map((program) => program.run({ x })));
    expect(results.map((r) => numbers(r.y))).toEqual(offsets.map((o) => [1 + o, 2 + o, 3 + o]));
    expect(openSessionCount()).toBeLessThanOrEqual(MAX_IDLE_SESSIONS);
  });

  it('falls back to the CPU with a notice when the requested execution provider is missing', async () => {
    const program = await Program.compile({ y: affine().y }, { executionProvider: 'no-such-provider' });
    expect(program.provider).toBe('cpu');
    expect(program.notice).toMatch(/no-such-provider.*CPU/);
    expect(numbers((await program.run({ x: new Float32Array(4) })).y)).toEqual([1, 1, 1, 1]);
  });

  it('reports missing, mistyped, misshaped and unknown feeds by name', async () => {
    const program = await Program.compile({ y: affine().y });
    await expect(program.run({})).rejects.toThrow("input 'x' was not given");
    await expect(program.run({ x: new Float64Array(4) })).rejects.toThrow(/'x' needs 4 float32 values/);
    await expect(program.run({ x: tensor('float32', [4]) })).rejects.toThrow(/'x' has shape \[2, 2\]/);
    await expect(program.run({ x: new Float32Array(4), q: new Float32Array(1) })).rejects.toThrow(AppError);
  });

  it('can output an input, a constant and one value under two names', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [2]);
    const c = g.constant([5, 6]);
    const y = x.add(c);
    const out = await (await Program.compile({ same: x, c, y, alsoY: y })).run({ x: Float32Array.from([1, 2]) });
    expect([numbers(out.same), numbers(out.c), numbers(out.y), numbers(out.alsoY)]).toEqual([
      [1, 2],
      [5, 6],
      [6, 8],
      [6, 8],
    ]);
  });

  it('moves the session generation on when sessions are released or the defaults change, not when they are set again', async () => {
    setSessionDefaults({});
    const before = sessionGeneration();
    setSessionDefaults({});
    expect(sessionGeneration()).toBe(before);
    setSessionDefaults({ intraOpThreads: 1 });
    setSessionDefaults({ intraOpThreads: 1 });
    expect(sessionGeneration()).toBe(before + 1);
    setSessionDefaults({});
    expect(sessionGeneration()).toBe(before + 2);
    await releaseSessions();
    expect(sessionGeneration()).toBe(before + 3);
  });
});
