import type { Command } from './command';

const commonOptions = [
  ['--json', 'print exactly one JSON object on stdout'],
  ['-h, --help', 'show this help'],
] as const;

export function programHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'salience — Salience Workbench from the command line',
    '',
    'Usage: salience <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'salience <command> --help' for a command's options.",
    'Every command takes --json (one JSON object on stdout) and --help.',
    'Exit codes: 0 success, 1 error (message on stderr), 2 usage error.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const rows: [string, string][] = Object.entries(command.options).map(([name, spec]) => [
    `--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`,
    `${spec.description}${spec.required === true ? ' (required)' : ''}`,
  ]);
  rows.push(...commonOptions.map(([flag, text]): [string, string] => [flag, text]));
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: salience ${command.name} ${usageLine(command)}`,
    '',
    command.description,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
  ].join('\n');
}

function usageLine(command: Command): string {
  const parts = Object.entries(command.options).map(([name, spec]) => {
    const flag = `--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
    const shown = spec.required === true ? flag : `[${flag}]`;
    return spec.multiple === true ? `${shown}…` : shown;
  });
  return [...(command.positionals === undefined ? [] : [command.positionals]), ...parts, '[--json]'].join(' ');
}
