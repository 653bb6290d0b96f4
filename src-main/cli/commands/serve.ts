import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { StudyHost } from '../../api';
import { defaultStudyPath } from '../../app/paths';
import { RecentStudies } from '../../app/recent-studies';
import { ensureDefaultStudy } from '../../datasets/demo';
import { AppError } from '../../errors';
import { startServer } from '../../serve';
import { type Command, UsageError } from '../command';

/** The built renderer sits beside the built CLI: out/cli/salience.js → out/renderer/. */
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

export const serveCommand: Command = {
  name: 'serve',
  summary: 'browser mode: serve the app on 127.0.0.1 with a token',
  description:
    'Serves the app for a web browser on 127.0.0.1 only, with a random token in the printed URL; every request without it is refused. Creates the study if it does not exist; the page can open or create another. Stops on Ctrl+C.',
  options: {
    study: {
      type: 'string',
      value: 'S',
      description: `the study file, created if missing (default: the demo study, ${defaultStudyPath()})`,
    },
    port: { type: 'string', value: 'N', description: 'the port (default 0: any free port)' },
  },
  async run({ values, json, io }) {
    const port = parsePort(values.port);
    if (!existsSync(`${rendererDir}index.html`)) {
      throw new AppError('not-found', `${rendererDir}index.html: the app is not built; run 'npm run build'`);
    }
    const studyPath = typeof values.study === 'string' ? values.study : await ensureDefaultStudy(userInfo().username);
    const host = await StudyHost.open(studyPath, {
      shell: 'browser',
      jobs: { actor: userInfo().username },
      recent: new RecentStudies(),
    });
    try {
      const server = await startServer({ service: host.service, rendererDir, port });
      const { path } = host.study;
      if (json) {
        io.out(`${JSON.stringify({ url: server.url, port: server.port, study: path })}\n`);
      } else {
        io.out(`Salience Workbench, browser mode, study ${path}\n${server.url}\nPress Ctrl+C to stop.\n`);
      }
      await io.untilStopped();
      await server.close();
    } finally {
      await host.close();
    }
  },
};

function parsePort(value: string | boolean | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(`--port: expected a port number from 0 to 65535, got '${String(value)}'`);
  }
  return port;
}
