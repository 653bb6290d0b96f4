import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStudyPath, userDataDir } from './paths';

describe('userDataDir', () => {
  it('follows each platform’s convention, as Electron’s userData does', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x/config' }, 'linux')).toBe('/x/config/Salience Workbench');
    expect(userDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Salience Workbench'));
    expect(userDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Salience Workbench'));
    expect(userDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'Salience Workbench'),
    );
  });

  it('keeps the default study inside it', () => {
    expect(defaultStudyPath({ XDG_CONFIG_HOME: '/x' })).toMatch(/studies[/\\]default\.sqlite$/);
  });
});
