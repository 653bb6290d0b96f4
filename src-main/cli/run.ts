import { parseArgs, type ParseArgsConfig } from 'node:util';
import { appVersion } from '../app/identity';
import { AppError, errorMessage } from '../errors';
import { openStudy } from '../store';
import { type CliIo, type Command, type OptionValues, UsageError } from './command';
import { commands } from './commands';
import { commandHelp, programHelp } from './help';

export const exitCodes = { ok: 0, error: 1, usage: 2 } as const;

/** Runs one `salience` invocation and returns its exit code; errors are reported here, once. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(programHelp(commands));
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${appVersion}\n`);
    return exitCodes.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`salience: unknown command '${name}'; commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return exitCodes.usage;
  }
  const json = rest.includes('--json');
  try {
    const parsed = parseCommandArgs(command, rest);
    if (parsed === 'help') {
      io.out(commandHelp(command));
      return exitCodes.ok;
    }
    await command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      lists: parsed.lists,
      json,
      io,
      openStudy: () => openStudy(requiredString(parsed.values, 'study')),
    });
    return exitCodes.ok;
  } catch (error) {
    const usage = error instanceof UsageError;
    const message = usage ? `${error.message} (see 'salience ${name} --help')` : errorMessage(error);
    io.err(`salience: ${message}\n`);
    if (json) io.out(`${JSON.stringify({ error: { kind: errorKind(error), message } })}\n`);
    return usage ? exitCodes.usage : exitCodes.error;
  }
}

function parseCommandArgs(
  command: Command,
  args: readonly string[],
): 'help' | { values: OptionValues; positionals: string[]; lists: Record<string, string[]> } {
  const options: NonNullable<ParseArgsConfig['options']> = {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = spec.multiple === true ? { type: spec.type, multiple: true } : { type: spec.type };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  if (parsed.values.help === true) return 'help';
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required === true && parsed.values[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  if (command.positionals === undefined && parsed.positionals.length > 0) {
    throw new UsageError(`unexpected argument '${parsed.positionals[0] ?? ''}'`);
  }
  const values: OptionValues = {};
  const lists: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (Array.isArray(value)) lists[name] = value.map(String);
    else values[name] = value;
  }
  return { values, positionals: parsed.positionals, lists };
}

function requiredString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

function errorKind(error: unknown): string {
  if (error instanceof UsageError) return 'usage';
  return error instanceof AppError ? error.kind : 'internal';
}
