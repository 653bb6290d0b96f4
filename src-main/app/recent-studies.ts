import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { userDataDir } from './paths';

/** How many studies the list keeps. */
export const RECENT_STUDIES_KEPT = 10;

const StoredList = z.object({
  studies: z.array(z.object({ path: z.string(), openedAt: z.string() })),
});
type StoredStudy = z.infer<typeof StoredList>['studies'][number];

export interface RecentStudy extends StoredStudy {
  /** False once the file has been moved or deleted. */
  exists: boolean;
}

/**
 * The studies this user opened last, newest first, kept in the app's own folder so that both
 * shells offer them to open again. The list is a convenience: a missing or damaged file is an
 * empty list, never a reason to refuse opening a study.
 */
export class RecentStudies {
  constructor(private readonly file: string = join(userDataDir(), 'recent-studies.json')) {}

  list(): RecentStudy[] {
    return this.read().map((study) => ({ ...study, exists: existsSync(study.path) }));
  }

  /** Puts `path` first; written to a temporary file and renamed, so a crash leaves the old list. */
  remember(path: string, now: Date = new Date()): void {
    const full = resolve(path);
    const studies = [{ path: full, openedAt: now.toISOString() }, ...this.read().filter((s) => s.path !== full)];
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ studies: studies.slice(0, RECENT_STUDIES_KEPT) }, null, 2)}\n`);
    renameSync(temporary, this.file);
  }

  private read(): StoredStudy[] {
    if (!existsSync(this.file)) return [];
    try {
      return StoredList.parse(JSON.parse(readFileSync(this.file, 'utf8'))).studies;
    } catch {
      return [];
    }
  }
}
