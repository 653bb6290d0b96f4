import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { apiMethods, browserOnlyMethods } from '../../../src-main/api/contract';

/** Every property name a schema accepts, nested objects and arrays included. */
function propertyNames(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([name, inner]) => [
      name,
      ...propertyNames(inner),
    ]);
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return propertyNames(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodArray) return propertyNames(schema.element as z.ZodType);
  return [];
}

const pathLike = /path|file|dir|folder|url|uri/i;

describe('what the renderer may send', () => {
  it('names records and channels by id, never a file path (files come from a native dialog in main)', () => {
    const desktop = Object.entries(apiMethods).filter(([method]) => !browserOnlyMethods.some((m) => m === method));
    const names = desktop.flatMap(([, { params }]) => propertyNames(params));
    expect(names).toContain('recordId');
    expect(names.filter((name) => pathLike.test(name))).toEqual([]);
    // The calls with paths are browser mode's; the desktop app refuses them (study-host.test.ts).
    expect(browserOnlyMethods.flatMap((m) => propertyNames(apiMethods[m].params))).toEqual(['paths', 'path', 'create']);
  });

  it('accepts no unknown parameters, so nothing unvalidated reaches the service', () => {
    for (const [method, { params }] of Object.entries(apiMethods)) {
      expect(params, method).toBeInstanceOf(z.ZodObject);
      expect((params as z.ZodObject).def.catchall, method).toBeInstanceOf(z.ZodNever);
    }
  });
});
