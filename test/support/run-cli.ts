import { runCli } from '../../src-main/cli';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the `salience` command in this process, capturing what it prints. */
export async function salience(...argv: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (text) => (out += text),
    err: (text) => (err += text),
    untilStopped: () => Promise.resolve(),
  });
  return { code, out, err };
}
