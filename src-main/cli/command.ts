import type { Study } from '../store';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilStopped(): Promise<void>;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Shown in help, e.g. `S` for `--study S`. */
  value?: string;
  required?: boolean;
  /** The option may be given more than once: its values arrive, in order, in the context's `lists`. */
  multiple?: boolean;
  description: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  /** The values of each `multiple` option, in the order given (absent when the command has none). */
  lists?: Readonly<Record<string, readonly string[]>>;
  json: boolean;
  io: CliIo;
  /** Opens the study named by --study. */
  openStudy: () => Study;
}

export interface Command {
  name: string;
  summary: string;
  /** A paragraph for `--help`. */
  description: string;
  /** How the positional arguments read in the usage line, e.g. `ID` or `PATH…`. */
  positionals?: string;
  options: Record<string, OptionSpec>;
  run(context: CommandContext): Promise<void>;
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
