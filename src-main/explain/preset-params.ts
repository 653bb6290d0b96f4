import { z } from 'zod';

/** Settings every mask explainer has: the learning rate, the epochs and the fidelity loss ℓ (spec §0.3). */
export const trainingSettings = {
  lr: z.number().positive(),
  epochs: z.int().positive(),
  loss: z.enum(['mse', 'cross-entropy']),
};

/** Preservation keeps what the mask selects and perturbs the rest; deletion perturbs what it selects. */
export const gameSetting = z.enum(['preservation', 'deletion']);

/**
 * Parameters as a named preset plus overrides: every setting in `settings` may be given, and the
 * preset fills those left out; the `fixed` fields have their own defaults. The parsed value holds
 * the preset's name and every setting, as the explanation's `info.params` records them.
 */
export function presetParams<S extends z.ZodRawShape, F extends z.ZodRawShape, P extends string>(
  settings: S,
  fixed: F,
  presets: Readonly<Record<P, z.output<z.ZodObject<S>>>>,
  defaultPreset: NoInfer<P>,
) {
  const names = Object.keys(presets) as [P, ...P[]];
  return z
    .strictObject({ preset: z.enum(names).default(defaultPreset), ...z.object(settings).partial().shape, ...fixed })
    .transform((given) => {
      const { preset, ...rest } = given as { preset: P } & Record<string, unknown>;
      const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
      return { ...presets[preset], ...defined, preset } as { preset: P } & z.output<z.ZodObject<S>> &
        z.output<z.ZodObject<F>>;
    });
}
