import { AppError } from '../../errors';
import { asciiText } from './identification';

/** A left-aligned, space-padded header field; longer text is cut to the field. */
export function field(text: string, width: number): string {
  return asciiText(text).slice(0, width).padEnd(width, ' ');
}

/** A number field that must fit whole: an EDF reader cannot recover a cut number. */
export function numberField(value: number, width: number): string {
  const text = String(value);
  if (text.length > width)
    throw new AppError('invalid-request', `${text} does not fit an ${width}-character EDF field.`);
  return text.padEnd(width, ' ');
}

/**
 * `value` in at most `width` characters, rounded down (a physical minimum) or up (a maximum),
 * so the written range still holds every sample.
 */
export function fitNumber(value: number, width: number, direction: 'down' | 'up'): string {
  const round = direction === 'down' ? Math.floor : Math.ceil;
  for (let decimals = width - 1; decimals >= 0; decimals--) {
    const factor = 10 ** decimals;
    const text = (round(value * factor) / factor)
      .toFixed(decimals)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '')
      .replace(/^-0$/, '0');
    if (text.length <= width) return text;
  }
  throw new AppError('invalid-request', `${value} does not fit an ${width}-character EDF field.`);
}
