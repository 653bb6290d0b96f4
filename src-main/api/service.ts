import { collectAbout, type Shell } from '../app/about';
import { countRecords, listRecords, type Study } from '../store';
import type { Api } from './contract';
import { ApiEventHub } from './events';

export interface Service {
  api: Api;
  events: ApiEventHub;
}

/** The service behind both transports and the CLI: one study, one set of handlers. */
export function createService(study: Study, shell: Shell): Service {
  const api: Api = {
    getAbout: () => Promise.resolve(collectAbout(shell)),
    getStudy: () =>
      Promise.resolve({
        name: study.name,
        path: study.path,
        schemaVersion: study.schemaVersion,
        recordCount: countRecords(study.db),
      }),
    listRecords: ({ search }) => Promise.resolve({ records: listRecords(study.db, search) }),
  };
  return { api, events: new ApiEventHub() };
}
