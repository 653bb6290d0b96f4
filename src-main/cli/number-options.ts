import { type OptionValues, UsageError } from './command';

/** `--name N` as a finite number (at least `min` when given), or undefined when the option is absent. */
export function optionalNumber(values: OptionValues, name: string, { min }: { min?: number } = {}): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    !Number.isFinite(number) ||
    (min !== undefined && number < min)
  ) {
    throw new UsageError(`--${name}: expected a number${min === undefined ? '' : ` ≥ ${min}`}, got '${String(value)}'`);
  }
  return number;
}
