import { AppError } from '../errors';

/** Where in a file a problem is: a byte offset for binary formats, a line for text formats. */
export type FileLocation = { byteOffset: number } | { line: number; column?: number } | Record<string, never>;

/**
 * A file that does not match its format. The message names the file, the place and what was
 * expected, so the analyst can find the problem without a debugger.
 */
export class FormatError extends AppError {
  readonly file: string;
  readonly location: FileLocation;

  constructor(file: string, location: FileLocation, expected: string) {
    super('bad-input', `${file}${describeLocation(location)}: ${expected}`);
    this.name = 'FormatError';
    this.file = file;
    this.location = location;
  }
}

function describeLocation(location: FileLocation): string {
  if ('byteOffset' in location) return ` (byte ${location.byteOffset})`;
  if ('line' in location) return `:${location.line}${location.column === undefined ? '' : `:${location.column}`}`;
  return '';
}
