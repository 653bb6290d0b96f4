import { afterEach, describe, expect, it } from 'vitest';
import { openStudyPerTest } from '../../test/support/temp-study';
import { SettingsPatch } from '../api/contract';
import { Program, releaseSessions, setSessionDefaults, Tracer } from '../engine';
import { openStudy, verifyAudit } from '../store';
import { applyEngineSettings, readSettings, updateSettings } from './study-settings';

const opened = openStudyPerTest();
afterEach(async () => {
  setSessionDefaults({});
  await releaseSessions();
});

const auditRows = () =>
  opened.study.db
    .prepare<[], { action: string; actor: string; details: string }>(
      "SELECT action, actor, details FROM audit_log WHERE action = 'settings-update' ORDER BY id",
    )
    .all();

describe('study settings', () => {
  it('reads the defaults from a study that never saved any', () => {
    expect(readSettings(opened.study.db)).toEqual({
      executionProvider: 'cpu',
      intraOpThreads: null,
      defaultMethods: ['integrated-gradients', 'occlusion'],
      methodParams: {},
      amplitudeUnits: 'mV',
      gridColour: 'red',
      theme: 'system',
      updateServer: null,
    });
  });

  it('saves what changed, audits old and new values, and skips unchanged fields', () => {
    const after = updateSettings(opened.study.db, { theme: 'dark', intraOpThreads: 2, amplitudeUnits: 'mV' }, 'ana');
    expect(after).toMatchObject({ theme: 'dark', intraOpThreads: 2, amplitudeUnits: 'mV' });
    const reopened = openStudy(opened.temp.path);
    expect(readSettings(reopened.db)).toMatchObject({ theme: 'dark', intraOpThreads: 2 });
    reopened.close();
    const [row, ...more] = auditRows();
    expect(more).toEqual([]);
    expect(row?.actor).toBe('ana');
    expect(JSON.parse(row?.details ?? '{}')).toEqual({
      amplitudeUnits: { from: null, to: 'mV' },
      intraOpThreads: { from: null, to: 2 },
      theme: { from: null, to: 'dark' },
    });
    updateSettings(opened.study.db, { theme: 'dark' }, 'ana');
    expect(auditRows()).toHaveLength(1);
    expect(verifyAudit(opened.study.db).ok).toBe(true);
  });

  it('takes an update over the API as only the fields it names', () => {
    updateSettings(opened.study.db, { gridColour: 'grey' }, 'ana');
    const patch = SettingsPatch.parse({ theme: 'dark' });
    expect(patch).toEqual({ theme: 'dark' });
    expect(updateSettings(opened.study.db, patch, 'ana')).toMatchObject({ theme: 'dark', gridColour: 'grey' });
  });

  it('refuses, naming the field, what this machine or the app cannot do', () => {
    expect(() => updateSettings(opened.study.db, { executionProvider: 'tensorrt' }, 'ana')).toThrow(
      /executionProvider: 'tensorrt' is not available here; available: .*cpu/,
    );
    expect(() => updateSettings(opened.study.db, { defaultMethods: ['magic'] }, 'ana')).toThrow(
      /'magic' is not a method/,
    );
    expect(() =>
      updateSettings(opened.study.db, { methodParams: { 'integrated-gradients': { nSteps: -1 } } }, 'ana'),
    ).toThrow(/integrated-gradients: invalid parameters: .*nSteps/s);
    expect(() => updateSettings(opened.study.db, { updateServer: 'http://updates.example' }, 'ana')).toThrow(/https/);
    for (const smuggled of [
      'https://ana:secret@updates.example',
      'https://updates.example/?channel=x',
      'https://[::1',
    ]) {
      expect(() => updateSettings(opened.study.db, { updateServer: smuggled }, 'ana')).toThrow(/updateServer/);
    }
    expect(auditRows()).toEqual([]);
  });

  it('falls back to the default for a stored value it cannot read, keeping the others', () => {
    updateSettings(opened.study.db, { theme: 'light' }, 'ana');
    opened.study.db
      .prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('gridColour', '\"plaid\"', 'x', 'y')")
      .run();
    expect(readSettings(opened.study.db)).toMatchObject({ theme: 'light', gridColour: 'red' });
  });

  it('makes programs compiled afterwards run on the execution provider the settings name', async () => {
    opened.study.db
      .prepare(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('executionProvider', '\"cuda\"', 'x', 'y')",
      )
      .run();
    applyEngineSettings(opened.study.db);
    const g = new Tracer();
    const program = await Program.compile({ y: g.input('x', 'float32', [2]).exp() });
    // No CUDA here: the session says so and runs on the CPU, which proves it asked for CUDA.
    expect(program.provider).toBe('cpu');
    expect(program.notice).toMatch(/'cuda'.*running on the CPU instead/);
  });
});
