import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createService, type Service } from '../../src-main/api';
import { openJobQueue } from '../../src-main/jobs';
import { startServer, type RunningServer, type ServerOptions } from '../../src-main/serve';
import { openStudy } from '../../src-main/store';
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
  const study = openStudy(temp.path);
  const jobs = await openJobQueue(study.path, { actor: 'tester' });
  const service = createService(study, 'browser', jobs);
  const server = await startServer({ ...options, service, rendererDir, port: 0 });
  return {
    service,
    server,
    close: async () => {
      await server.close();
      await jobs.close();
      study.close();
      temp.remove();
    },
  };
}
