/** How a parameter is edited: by its default's type; lists and objects as JSON text. */
export type ParamKind = 'number' | 'boolean' | 'text' | 'json';

export interface ParamField {
  name: string;
  kind: ParamKind;
  /** The default as the field shows it. */
  initial: string;
}

export function paramFields(defaults: Readonly<Record<string, unknown>>): ParamField[] {
  return Object.entries(defaults).map(([name, value]) => {
    const kind: ParamKind =
      typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'boolean'
          : typeof value === 'string'
            ? 'text'
            : 'json';
    return { name, kind, initial: fieldText(kind, value) };
  });
}

function fieldText(kind: ParamKind, value: unknown): string {
  return kind === 'json' ? JSON.stringify(value) : String(value);
}

/**
 * The fields' texts for values set elsewhere (the study's settings): they show as edits, so that
 * they are sent with the job. Names the method does not take are left out.
 */
export function textsFor(
  fields: readonly ParamField[],
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  return Object.fromEntries(
    fields.filter((f) => f.name in values).map((f) => [f.name, fieldText(f.kind, values[f.name])] as const),
  );
}

export interface ParsedParams {
  /** Only the parameters changed from their defaults: the method fills in the rest, as it does for the CLI. */
  params: Record<string, unknown>;
  /** Per field: what is wrong with its text. */
  errors: Record<string, string>;
}

/** Reads the fields' texts back as values of their kinds. */
export function parseParamEdits(fields: readonly ParamField[], texts: Readonly<Record<string, string>>): ParsedParams {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = texts[field.name] ?? field.initial;
    if (text === field.initial) continue;
    if (field.kind === 'number') {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) errors[field.name] = 'expected a number';
      else params[field.name] = value;
    } else if (field.kind === 'boolean') {
      params[field.name] = text === 'true';
    } else if (field.kind === 'json') {
      try {
        params[field.name] = JSON.parse(text) as unknown;
      } catch {
        errors[field.name] = 'expected JSON, e.g. [1, 1]';
      }
    } else {
      params[field.name] = text;
    }
  }
  return { params, errors };
}
