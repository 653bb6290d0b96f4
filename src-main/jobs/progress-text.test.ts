import { describe, expect, it } from 'vitest';
import { createProgressPrinter, formatProgressBar, formatSecondsLeft } from './progress-text';

const at = (fraction: number, phase = 'record 100 (2/4)', etaSec: number | null = 65) => ({
  jobId: 1,
  fraction,
  phase,
  etaSec,
});

describe('the CLI progress text', () => {
  it('draws a bar, the percentage, the phase and the time left, within the terminal width', () => {
    const line = formatProgressBar(at(0.5), 100);
    expect(line).toBe(`[${'#'.repeat(20)}${'.'.repeat(20)}]   50%  record 100 (2/4)  1 min 5 s left`);
    expect(formatProgressBar(at(0.5), 30)).toHaveLength(29);
  });

  it('redraws one line in place on a terminal and ends it when done', () => {
    let text = '';
    const printer = createProgressPrinter({ write: (t) => (text += t), isTTY: true, columns: 60 });
    printer.update(at(0.1));
    printer.update(at(0.2));
    printer.finish();
    expect(text.split('\r').filter(Boolean)).toHaveLength(2);
    expect(text.match(/\n/g)).toHaveLength(1);
    expect(text.endsWith('\u001b[K\n')).toBe(true);
  });

  it('writes plain lines elsewhere: one per phase and per tenth of the job', () => {
    let text = '';
    const printer = createProgressPrinter({ write: (t) => (text += t), isTTY: false });
    for (let step = 0; step <= 40; step++)
      printer.update(at(step / 100, step < 20 ? 'record a (1/2)' : 'record b (2/2)', null));
    printer.finish();
    expect(text.split('\n').filter(Boolean)).toEqual([
      '  0%  record a (1/2)',
      ' 10%  record a (1/2)',
      ' 20%  record b (2/2)',
      ' 30%  record b (2/2)',
      ' 40%  record b (2/2)',
    ]);
  });

  it('says how long is left in words', () => {
    expect(formatSecondsLeft(4.2)).toBe('5 s');
    expect(formatSecondsLeft(65)).toBe('1 min 5 s');
    expect(formatSecondsLeft(3900)).toBe('1 h 5 min');
  });
});
