import { describe, expect, it } from 'vitest';
import { navigationForKey } from './navigation';
import { ecgShortcuts, keyName } from './shortcuts';

describe('the shortcuts sheet', () => {
  it('documents keys that move the window', () => {
    const movesAndZooms = ecgShortcuts
      .filter(({ group }) => group === 'Move' || group === 'Zoom')
      .flatMap(({ shortcuts }) => shortcuts.flatMap((s) => s.keys))
      .filter((key) => key !== 'g');
    expect(movesAndZooms.length).toBeGreaterThan(8);
    for (const key of movesAndZooms) {
      expect(
        navigationForKey({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false }),
        key,
      ).not.toBeNull();
    }
  });

  it('writes keys as they are printed on keyboards', () => {
    expect(keyName('ArrowLeft')).toBe('←');
    expect(keyName('PageDown')).toBe('PgDn');
    expect(keyName('n')).toBe('n');
  });
});
