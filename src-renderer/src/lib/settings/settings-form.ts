import type { Settings, SettingsPatch } from '$api/contract';

/** The form's fields as the inputs hold them: text where a person types. */
export interface SettingsDraft {
  executionProvider: string;
  /** Empty for ONNX Runtime's own choice. */
  threads: string;
  defaultMethods: string[];
  /** Per method, the JSON object typed in its parameter box (empty: the method's defaults). */
  methodParams: Record<string, string>;
  amplitudeUnits: Settings['amplitudeUnits'];
  gridColour: Settings['gridColour'];
  theme: Settings['theme'];
  /** Empty turns updates off. */
  updateServer: string;
}

export function draftOf(settings: Settings): SettingsDraft {
  return {
    executionProvider: settings.executionProvider,
    threads: settings.intraOpThreads === null ? '' : String(settings.intraOpThreads),
    defaultMethods: [...settings.defaultMethods],
    methodParams: Object.fromEntries(
      Object.entries(settings.methodParams).map(([method, params]) => [method, JSON.stringify(params)]),
    ),
    amplitudeUnits: settings.amplitudeUnits,
    gridColour: settings.gridColour,
    theme: settings.theme,
    updateServer: settings.updateServer ?? '',
  };
}

export type PatchResult = { ok: true; patch: SettingsPatch } | { ok: false; field: string; message: string };

/** The fields the draft changes, checked where a person can get them wrong; the service checks the rest. */
export function patchFrom(saved: Settings, draft: SettingsDraft): PatchResult {
  const threadsText = draft.threads.trim();
  const threads = threadsText === '' ? null : Number(threadsText);
  if (threads !== null && (!Number.isInteger(threads) || threads < 1 || threads > 256)) {
    return { ok: false, field: 'threads', message: 'Threads: a whole number from 1 to 256, or empty for automatic' };
  }
  const methodParams: Record<string, Record<string, unknown>> = {};
  for (const [method, text] of Object.entries(draft.methodParams)) {
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return {
        ok: false,
        field: `params-${method}`,
        message: `Parameters of ${method}: a JSON object, e.g. {"nSteps": 50}`,
      };
    }
    methodParams[method] = parsed as Record<string, unknown>;
  }
  const next: Settings = {
    executionProvider: draft.executionProvider,
    intraOpThreads: threads,
    defaultMethods: draft.defaultMethods,
    methodParams,
    amplitudeUnits: draft.amplitudeUnits,
    gridColour: draft.gridColour,
    theme: draft.theme,
    updateServer: draft.updateServer.trim() === '' ? null : draft.updateServer.trim(),
  };
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(saved[key])) patch[key] = next[key];
  }
  return { ok: true, patch };
}
