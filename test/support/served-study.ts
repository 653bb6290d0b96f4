import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StudyHost, type Service } from '../../src-main/api';
import { startServer, type RunningServer, type ServerOptions } from '../../src-main/serve';
import { createTempStudy } from './temp-study';

export interface ServedStudy {
  service: Service;
  server: RunningServer;
  /** Stops the server, closes the study and removes its folder. */
  close(): Promise<void>;
}

/** Browser mode's server on a free port, over a temporary sample study and a one-page renderer. */
export async function serveTempStudy(options: Pick<ServerOptions, 'badTokenLimiter'> = {}): Promise<ServedStudy> {
  const temp = createTempStudy();
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Salience Workbench</title>');
  const host = await StudyHost.open(temp.path, { shell: 'browser', jobs: { actor: 'tester' } });
  const { service } = host;
  const server = await startServer({ ...options, service, rendererDir, port: 0 });
  return {
    service,
    server,
    close: async () => {
      await server.close();
      await host.close();
      temp.remove();
    },
  };
}
