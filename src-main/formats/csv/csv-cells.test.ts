import { describe, expect, it } from 'vitest';
import { parseColumnHeader } from './column-header';
import { parseNumberCell, splitCsvLine } from './csv-cells';

describe('splitCsvLine', () => {
  it.each([
    ['a,b,,c', ['a', 'b', '', 'c']],
    ['', ['']],
    ['"x, y",2', ['x, y', '2']],
    ['"say ""hi""",', ['say "hi"', '']],
    [' "q" ,3', [' "q" ', '3']],
  ])('splits %j', (line, cells) => {
    const out: string[] = ['left over'];
    expect(splitCsvLine(line, out)).toBe(0);
    expect(out).toEqual(cells);
  });

  it('gives the column of a quote that is not closed', () => {
    expect(splitCsvLine('1,2,"open', [])).toBe(3);
  });
});

describe('parseNumberCell', () => {
  it('reads decimal numbers, and empty or NaN cells as gaps', () => {
    expect([' 1.5 ', '-2', '+.5', '3e-2', '7.', '', 'NaN', 'nan'].map(parseNumberCell)).toEqual([
      1.5,
      -2,
      0.5,
      0.03,
      7,
      NaN,
      NaN,
      NaN,
    ]);
  });

  it('refuses what Number() would quietly accept or misread', () => {
    for (const cell of ['0x10', 'Infinity', '1,5', '1 2', '.', 'e5', '1e999', 'abc', '--1']) {
      expect(parseNumberCell(cell)).toBeUndefined();
    }
  });
});

describe('parseColumnHeader', () => {
  it.each([
    ['ECG II (mV)', 'ECG II', 'mV'],
    ['Resp [Ohm]', 'Resp', 'Ohm'],
    ['SpO2', 'SpO2', ''],
    ['(mV)', '(mV)', ''],
    ['Temp ( °C )', 'Temp', '°C'],
  ])('%s', (cell, name, units) => {
    expect(parseColumnHeader(cell)).toEqual({ name, units });
  });
});
