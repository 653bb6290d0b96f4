import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Shell } from '../app/about';
import { AppError } from '../errors';
import { openJobQueue, type JobQueue, type JobQueueOptions } from '../jobs';
import type { RecentStudies } from '../app/recent-studies';
import { openStudy, removeStudyFile, studyName, type Study } from '../store';
import { browserOnlyMethods, desktopOnlyMethods, type Api, type StudyInfo } from './contract';
import { ApiEventHub } from './events';
import { apiMethodNames, type ApiMethodName } from './method-names';
import { createService, type HostMethodName, type Service, type StudyService } from './service';

/** What only the desktop app's main process can do: its native dialogs. */
export interface DesktopShell {
  /** The files chosen to import; none when cancelled. */
  chooseImportFiles(): Promise<string[]>;
  /** A study file to open, or (create) a new file's path; null when cancelled. */
  chooseStudyFile(create: boolean): Promise<string | null>;
}

export interface StudyHostOptions {
  shell: Shell;
  /** Each study's job queue's options (the actor, who the audit trail names, among them). */
  jobs: JobQueueOptions;
  /** The desktop app's dialogs; absent in browser mode. */
  desktop?: DesktopShell;
  /** Where the studies opened are remembered; absent, none are. */
  recent?: RecentStudies;
}

interface OpenedStudy {
  study: Study;
  jobs: JobQueue;
  service: StudyService;
  stopForwarding: () => void;
}

/**
 * The study the app has open, swappable while it runs. Its `service` is what the transports
 * serve: a call goes to the study open when it arrives; `openStudy`/`chooseStudy` close that
 * study (running jobs stop at their next step and stay resumable there) and open another, and
 * every client hears `studyChanged`. Paths from the page are browser mode's only; the desktop
 * app takes them from its native dialogs.
 */
export class StudyHost {
  readonly service: Service;
  private opened: OpenedStudy;
  /** One switch at a time, in the order asked. */
  private switching: Promise<unknown> = Promise.resolve();

  private constructor(
    opened: OpenedStudy,
    private readonly options: StudyHostOptions,
    private readonly events: ApiEventHub,
  ) {
    this.opened = opened;
    this.service = { api: this.hostApi(), events };
  }

  /** Opens (creating if missing) the first study. */
  static async open(path: string, options: StudyHostOptions): Promise<StudyHost> {
    const events = new ApiEventHub();
    const host = new StudyHost(await openWithJobs(path, true, options, events), options, events);
    host.remember(path);
    return host;
  }

  get study(): Study {
    return this.opened.study;
  }

  get jobs(): JobQueue {
    return this.opened.jobs;
  }

  /** Opens another study, or creates one at a path where no file is; the open one closes. */
  switchTo(path: string, create: boolean): Promise<StudyInfo> {
    const next = this.switching.then(() => this.replace(resolve(path), create));
    this.switching = next.catch(() => undefined);
    return next;
  }

  /** Running jobs stop at their next step and stay resumable; then the study closes. */
  async close(): Promise<void> {
    await this.switching;
    await closeOpened(this.opened);
  }

  private async replace(path: string, create: boolean): Promise<StudyInfo> {
    if (path === resolve(this.opened.study.path)) return this.opened.service.api.getStudy({});
    if (create && existsSync(path)) {
      throw new AppError('invalid-request', `${path}: a file is already there; open it, or create the study elsewhere`);
    }
    if (!create && !existsSync(path)) throw new AppError('not-found', `${path}: no such study file`);
    const next = await openWithJobs(path, create, this.options, this.events);
    const previous = this.opened;
    this.opened = next;
    await closeOpened(previous);
    this.remember(path);
    const info = await next.service.api.getStudy({});
    this.events.emit('studyChanged', info);
    return info;
  }

  private remember(path: string): void {
    try {
      this.options.recent?.remember(path);
    } catch {
      // The list is a convenience (a read-only settings folder, say): the study is open all the same.
    }
  }

  private hostApi(): Api {
    const { shell, desktop } = this.options;
    const host: Pick<Api, HostMethodName> = {
      openStudy: ({ path, create }) => this.switchTo(path, create),
      chooseStudy: async ({ create }) => {
        const path = await requireDesktop(desktop).chooseStudyFile(create);
        return path === null ? null : this.switchTo(path, create);
      },
      listRecentStudies: () => {
        const studies = this.options.recent?.list() ?? [];
        return Promise.resolve({ studies: studies.map((study) => ({ ...study, name: studyName(study.path) })) });
      },
      openRecentStudy: ({ index }) => {
        const study = this.options.recent?.list()[index];
        if (study === undefined) {
          return Promise.reject(new AppError('not-found', `recent study ${index}: the list has no such entry`));
        }
        return this.switchTo(study.path, false);
      },
      importChosenFiles: async () => {
        const paths = await requireDesktop(desktop).chooseImportFiles();
        return paths.length === 0 ? null : this.opened.service.api.startImport({ paths });
      },
    };
    const entries = apiMethodNames.map((method) => {
      const handler = isHostMethod(host, method)
        ? host[method]
        : (params: never) => (this.opened.service.api[method] as (p: never) => Promise<unknown>)(params);
      return [method, guarded(method, shell, desktop, handler)] as const;
    });
    return Object.fromEntries(entries) as unknown as Api;
  }
}

/** Whether the host answers `method` itself: its own handlers are the one list of them. */
function isHostMethod(host: Pick<Api, HostMethodName>, method: ApiMethodName): method is HostMethodName {
  return Object.hasOwn(host, method);
}

/** Refuses path-taking calls in the desktop app and dialog calls in browser mode, whatever the transport. */
function guarded(
  method: ApiMethodName,
  shell: Shell,
  desktop: DesktopShell | undefined,
  handler: (params: never) => Promise<unknown>,
): (params: never) => Promise<unknown> {
  if (shell === 'electron' && (browserOnlyMethods as readonly string[]).includes(method)) {
    return () =>
      Promise.reject(
        new AppError(
          'invalid-request',
          `the desktop app takes files only from its own dialogs, not paths sent by the page (${method} is browser mode's)`,
        ),
      );
  }
  if (desktop === undefined && (desktopOnlyMethods as readonly string[]).includes(method)) {
    return () =>
      Promise.reject(
        new AppError(
          'invalid-request',
          `browser mode has no file dialog: type the path instead (${method} is the desktop app's)`,
        ),
      );
  }
  return handler;
}

function requireDesktop(desktop: DesktopShell | undefined): DesktopShell {
  if (desktop === undefined) throw new AppError('internal', 'no desktop shell for a dialog call');
  return desktop;
}

/** A study with its job queue; a study file created here is removed again if the queue cannot open. */
async function openWithJobs(
  path: string,
  create: boolean,
  { shell, jobs: jobOptions }: StudyHostOptions,
  events: ApiEventHub,
): Promise<OpenedStudy> {
  const created = !existsSync(path);
  const study = openStudy(path, { create });
  try {
    const jobs = await openJobQueue(study.path, jobOptions);
    const service = createService(study, shell, jobs);
    const stopForwarding = service.events.onAny((name, payload) => events.emit(name, payload as never));
    return { study, jobs, service, stopForwarding };
  } catch (error) {
    study.close();
    if (created) removeStudyFile(path);
    throw error;
  }
}

async function closeOpened(opened: OpenedStudy): Promise<void> {
  opened.stopForwarding();
  await opened.jobs.close();
  opened.study.close();
}
