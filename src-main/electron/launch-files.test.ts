import { describe, expect, it } from 'vitest';
import { launchRequest } from './launch-files';

describe('launchRequest', () => {
  it('opens the study named by --study', () => {
    expect(launchRequest(['--study', '/d/a.sqlite'], [])).toEqual({ study: '/d/a.sqlite', records: [] });
    expect(launchRequest(['--study=/d/b.db'], [])).toEqual({ study: '/d/b.db', records: [] });
  });

  it('takes study and record files from the command line and from macOS open-file events', () => {
    expect(launchRequest(['/d/x.HEA', '/d/s.salience', '/d/y.edf'], ['/d/z.bdf', '/d/t.sqlite'])).toEqual({
      study: '/d/s.salience',
      records: ['/d/x.HEA', '/d/y.edf', '/d/z.bdf'],
    });
    expect(launchRequest(['--study', '/d/a.sqlite', '/d/s.salience'], [])).toEqual({
      study: '/d/a.sqlite',
      records: [],
    });
  });

  it('ignores Chromium switches and files of other kinds', () => {
    expect(launchRequest(['--no-sandbox', '--lang=de', '/d/notes.txt', '/d/100.dat'], [])).toEqual({
      study: undefined,
      records: [],
    });
  });
});
