import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { openEdfRecord } from './index';
import { type Patch, damagedCopy, fixture, scratchDirectory } from '../../../test/support/edf-samples';

const directory = scratchDirectory();
afterAll(() => rmSync(directory, { recursive: true, force: true }));
// test_uneven_samp.edf: 2 signals (768 header bytes), 11 records of 2 × (1000 + 128) bytes.
const plain = fixture('test_uneven_samp.edf');
const recordBytes = 2 * (1000 + 128);

function failure(source: string, patches: readonly Patch[], length?: number): FormatError {
  const path = damagedCopy(source, directory, patches, length);
  try {
    openEdfRecord(path).close();
  } catch (error) {
    if (error instanceof FormatError) {
      expect(error.kind).toBe('bad-input');
      expect(error.message).toContain(path);
      return error;
    }
    throw error;
  }
  throw new Error(`${path} opened without an error`);
}

describe('bad EDF headers throw FormatError at the field', () => {
  it('a header length that is not 256 × (ns + 1)', () => {
    const error = failure(plain, [{ offset: 184, text: '512     ' }]);
    expect(error.location).toEqual({ byteOffset: 184 });
    expect(error.message).toMatch(/768 header bytes, found "512"/);
  });

  it('a physical minimum that is not a number', () => {
    const error = failure(plain, [{ offset: 256 + 104 * 2 + 8, text: 'abc     ' }]);
    expect(error.location).toEqual({ byteOffset: 472 });
    expect(error.message).toMatch(/physical minimum of signal 2 as a number, found "abc"/);
  });

  it('a number of data records that is not an integer', () => {
    expect(failure(plain, [{ offset: 236, text: '11.5    ' }]).location).toEqual({ byteOffset: 236 });
  });

  it('a number of samples per record that is not a number', () => {
    expect(failure(plain, [{ offset: 256 + 216 * 2, text: 'x       ' }]).location).toEqual({ byteOffset: 688 });
  });

  it('an unknown version', () => {
    expect(failure(plain, [{ offset: 0, text: 'EDF     ' }]).location).toEqual({ byteOffset: 0 });
  });

  it('a start date that is no date', () => {
    expect(failure(plain, [{ offset: 168, text: '31.02.00' }]).location).toEqual({ byteOffset: 168 });
    expect(failure(plain, [{ offset: 168, text: '13/07/00' }]).location).toEqual({ byteOffset: 168 });
  });

  it('a digital maximum not above the minimum', () => {
    expect(failure(plain, [{ offset: 256 + 128 * 2, text: '-3000   ' }]).location).toEqual({ byteOffset: 512 });
  });

  it('a zero record duration for a file with channels', () => {
    expect(failure(plain, [{ offset: 244, text: '0       ' }]).location).toEqual({ byteOffset: 244 });
  });

  it('a file shorter than the fixed header', () => {
    expect(failure(plain, [], 100).location).toEqual({ byteOffset: 100 });
  });
});

describe('bad EDF data', () => {
  it('truncated data records: the offset of the first incomplete record', () => {
    const error = failure(plain, [], 25584 - 100);
    expect(error.location).toEqual({ byteOffset: 768 + 10 * recordBytes });
    expect(error.message).toMatch(/11 data records .* truncated after 10/);
  });

  it('a TAL whose onset has no sign', () => {
    // test_subsecond.edf record 0: 256 bytes of Fp1 from byte 768, then "+0.3945312␔␔␀+2.3457031␔XLSpike␔".
    const error = failure(fixture('test_subsecond.edf'), [{ offset: 1037, text: 'x' }]);
    expect(error.location).toEqual({ byteOffset: 1037 });
  });

  it('a record count of −1 is taken from the file size, a partial last record warned about', () => {
    const path = damagedCopy(plain, directory, [{ offset: 236, text: '-1      ' }], 25584 - 100);
    const record = openEdfRecord(path);
    expect(record.edf.recordCount).toBe(10);
    expect(record.warnings.join(' ')).toMatch(/incomplete data record/);
    record.close();
  });

  it('a missing file is not-found, not a format problem', () => {
    const missing = join(directory, 'absent.edf');
    expect(() => openEdfRecord(missing)).toThrow(AppError);
    expect(() => openEdfRecord(missing)).not.toThrow(FormatError);
  });
});
