import type { JobProgress } from '../api/contract';

/** Where the CLI shows a job's progress: stderr, so stdout stays the command's result. */
export interface ProgressOutput {
  write(text: string): void;
  /** A terminal gets one bar redrawn in place; a pipe or a log gets plain lines. */
  isTTY: boolean;
  /** The terminal's width (default 80). */
  columns?: number;
}

export interface ProgressPrinter {
  update(progress: JobProgress): void;
  /** Ends the bar's line, so what follows starts on a fresh one. */
  finish(): void;
}

const widestBar = 40;
const narrowestBar = 10;

/** `[##########..........]  50%  record 100 (2/4)  1 min 5 s left`, no wider than `columns`. */
export function formatProgressBar(progress: JobProgress, columns: number): string {
  const text = describe(progress);
  const width = Math.max(narrowestBar, Math.min(widestBar, columns - text.length - 5));
  const filled = Math.round(progress.fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]  ${text}`.slice(0, Math.max(0, columns - 1));
}

/** `50%  record 100 (2/4)  1 min 5 s left`, for logs and pipes. */
export function formatProgressLine(progress: JobProgress): string {
  return describe(progress);
}

/**
 * On a terminal, redraws one line at every update. Elsewhere, writes a line when the phase
 * changes or another tenth of the job is done, so a log of a long job stays short.
 */
export function createProgressPrinter(output: ProgressOutput): ProgressPrinter {
  let drawn = false;
  let lastPhase: string | null = null;
  let lastTenth = -1;
  return {
    update(progress) {
      if (output.isTTY) {
        output.write(`\r${formatProgressBar(progress, output.columns ?? 80)}\u001b[K`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(progress.fraction * 10);
      if (progress.phase === lastPhase && tenth === lastTenth) return;
      lastPhase = progress.phase;
      lastTenth = tenth;
      output.write(`${formatProgressLine(progress)}\n`);
    },
    finish() {
      if (drawn) output.write('\n');
      drawn = false;
    },
  };
}

function describe({ fraction, phase, etaSec }: JobProgress): string {
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const eta = etaSec === null ? '' : `  ${formatSecondsLeft(etaSec)} left`;
  return `${percent}  ${phase}${eta}`;
}

/** 4.2 → "5 s"; 65 → "1 min 5 s"; 3900 → "1 h 5 min". */
export function formatSecondsLeft(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}
