import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempStudy, type TempStudy } from '../../test/support/temp-study';
import { SettingsPatch } from '../api/contract';
import { Program, releaseSessions, setSessionDefaults, Tracer } from '../engine';
import { openStudy, verifyAudit, type Study } from '../store';
import { applyEngineSettings, readSettings, updateSettings } from './study-settings';

let temp: TempStudy;
let study: Study;
beforeEach(() => {
  temp = createTempStudy();
  study = openStudy(temp.path);
});
afterEach(async () => {
  study.close();
  temp.remove();
  setSessionDefaults({});
  await releaseSessions();
});

const auditRows = () =>
  study.db
    .prepare<[], { action: string; actor: string; details: string }>(
      "SELECT action, actor, details FROM audit_log WHERE action = 'settings-update' ORDER BY id",
    )
    .all();

describe('study settings', () => {
  it('reads the defaults from a study that never saved any', () => {
    expect(readSettings(study.db)).toEqual({
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
    const after = updateSettings(study.db, { theme: 'dark', intraOpThreads: 2, amplitudeUnits: 'mV' }, 'ana');
    expect(after).toMatchObject({ theme: 'dark', intraOpThreads: 2, amplitudeUnits: 'mV' });
    study.close();
    study = openStudy(temp.path);
    expect(readSettings(study.db)).toMatchObject({ theme: 'dark', intraOpThreads: 2 });
    const [row, ...more] = auditRows();
    expect(more).toEqual([]);
    expect(row?.actor).toBe('ana');
    expect(JSON.parse(row?.details ?? '{}')).toEqual({
      amplitudeUnits: { from: null, to: 'mV' },
      intraOpThreads: { from: null, to: 2 },
      theme: { from: null, to: 'dark' },
    });
    updateSettings(study.db, { theme: 'dark' }, 'ana');
    expect(auditRows()).toHaveLength(1);
    expect(verifyAudit(study.db).ok).toBe(true);
  });

  it('takes an update over the API as only the fields it names', () => {
    updateSettings(study.db, { gridColour: 'grey' }, 'ana');
    const patch = SettingsPatch.parse({ theme: 'dark' });
    expect(patch).toEqual({ theme: 'dark' });
    expect(updateSettings(study.db, patch, 'ana')).toMatchObject({ theme: 'dark', gridColour: 'grey' });
  });

  it('refuses, naming the field, what this machine or the app cannot do', () => {
    expect(() => updateSettings(study.db, { executionProvider: 'tensorrt' }, 'ana')).toThrow(
      /executionProvider: 'tensorrt' is not available here; available: .*cpu/,
    );
    expect(() => updateSettings(study.db, { defaultMethods: ['magic'] }, 'ana')).toThrow(/'magic' is not a method/);
    expect(() => updateSettings(study.db, { methodParams: { 'integrated-gradients': { nSteps: -1 } } }, 'ana')).toThrow(
      /integrated-gradients: invalid parameters: .*nSteps/s,
    );
    expect(() => updateSettings(study.db, { updateServer: 'http://updates.example' }, 'ana')).toThrow(/https/);
    for (const smuggled of [
      'https://ana:secret@updates.example',
      'https://updates.example/?channel=x',
      'https://[::1',
    ]) {
      expect(() => updateSettings(study.db, { updateServer: smuggled }, 'ana')).toThrow(/updateServer/);
    }
    expect(auditRows()).toEqual([]);
  });

  it('falls back to the default for a stored value it cannot read, keeping the others', () => {
    updateSettings(study.db, { theme: 'light' }, 'ana');
    study.db
      .prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('gridColour', '\"plaid\"', 'x', 'y')")
      .run();
    expect(readSettings(study.db)).toMatchObject({ theme: 'light', gridColour: 'red' });
  });

  it('makes programs compiled afterwards run on the execution provider the settings name', async () => {
    study.db
      .prepare(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('executionProvider', '\"cuda\"', 'x', 'y')",
      )
      .run();
    applyEngineSettings(study.db);
    const g = new Tracer();
    const program = await Program.compile({ y: g.input('x', 'float32', [2]).exp() });
    // No CUDA here: the session says so and runs on the CPU, which proves it asked for CUDA.
    expect(program.provider).toBe('cpu');
    expect(program.notice).toMatch(/'cuda'.*running on the CPU instead/);
  });
});
