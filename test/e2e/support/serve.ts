import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/salience.js', import.meta.url));

export interface ServeProcess {
  url: string;
  port: number;
  token: string;
  /** Stops the server with SIGTERM and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the real `salience serve` on a free port and waits for the URL it prints. Its settings
 * folder (the recent studies list) is beside the study, not the user's.
 */
export async function startServe(studyPath: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', '--study', studyPath, '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(dirname(studyPath), 'config'),
      APPDATA: join(dirname(studyPath), 'config'),
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`salience serve exited with ${String(code)}: ${stderr}`)));
  });
  const { url, port } = JSON.parse(firstLine) as { url: string; port: number };
  return { url, port, token: new URL(url).searchParams.get('token') ?? '', stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
