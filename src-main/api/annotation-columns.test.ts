import { describe, expect, it } from 'vitest';
import { createTempStudy } from '../../test/support/temp-study';
import { createAnnotation, listAnnotations, openStudy, findRecord } from '../store';
import { decodeBinaryMessage, encodeBinaryMessage } from './wire';
import { fromAnnotationColumns, toAnnotationColumns } from './annotation-columns';

describe('annotations as columns', () => {
  it('give back every field of a study’s annotations, nulls included, after the binary wire format', () => {
    const temp = createTempStudy();
    const study = openStudy(temp.path);
    try {
      const record = findRecord(study.db, '100');
      const origin = { actor: 'tester', source: 'analyst' as const };
      createAnnotation(
        study.db,
        record.id,
        { sample: 10, endSample: null, channel: null, code: 5, symbol: 'V', aux: null },
        origin,
      );
      createAnnotation(
        study.db,
        record.id,
        { sample: 20, endSample: 90, channel: 1, code: null, symbol: 'noise', aux: 'lead off' },
        origin,
      );
      createAnnotation(
        study.db,
        record.id,
        { sample: 30, endSample: null, channel: 0, code: 1, symbol: 'N', aux: '' },
        origin,
      );
      const stored = listAnnotations(study.db, record.id);
      expect(stored).toHaveLength(3);

      const columns = toAnnotationColumns(stored);
      expect(columns.id).toBeInstanceOf(Int32Array);
      // One entry per distinct string: the three symbols, two notes, the author, the source and the times.
      expect(new Set(columns.strings).size).toBe(columns.strings.length);
      const frame = encodeBinaryMessage({ result: columns });
      if (frame === null) throw new Error('the columns went out as JSON text, not a binary frame');
      const copy = frame.slice();
      const received = (decodeBinaryMessage(copy.buffer) as { result: typeof columns }).result;
      expect(fromAnnotationColumns(received)).toEqual(stored);
    } finally {
      study.close();
      temp.remove();
    }
  });

  it('hold no rows for a record without annotations', () => {
    const columns = toAnnotationColumns([]);
    expect(columns).toMatchObject({ count: 0, strings: [] });
    expect(fromAnnotationColumns(columns)).toEqual([]);
  });
});
