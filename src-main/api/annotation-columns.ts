import type { Annotation, AnnotationColumns } from './contract';

/*
 * A record's annotations as columns: a Holter day's 100 000 beats cross the transport as a few
 * typed arrays (binary WebSocket frames, structured clone over IPC) instead of 25 MB of JSON.
 * Every string goes into one table, which for imported beats holds a handful of entries; -1
 * stands for null. Plain code, no zod: the renderer bundles it to read the columns back.
 */

const NONE = -1;

/** The columns of `annotations`, in their order. */
export function toAnnotationColumns(annotations: readonly Annotation[]): AnnotationColumns {
  const count = annotations.length;
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const intern = (text: string | null): number => {
    if (text === null) return NONE;
    let index = indexOf.get(text);
    if (index === undefined) {
      index = strings.push(text) - 1;
      indexOf.set(text, index);
    }
    return index;
  };
  const columns: AnnotationColumns = {
    count,
    strings,
    id: new Int32Array(count),
    sample: new Int32Array(count),
    endSample: new Int32Array(count),
    channel: new Int32Array(count),
    code: new Int32Array(count),
    subtype: new Int32Array(count),
    symbol: new Int32Array(count),
    aux: new Int32Array(count),
    author: new Int32Array(count),
    source: new Int32Array(count),
    createdAt: new Int32Array(count),
    updatedAt: new Int32Array(count),
  };
  annotations.forEach((a, i) => {
    columns.id[i] = a.id;
    columns.sample[i] = a.sample;
    columns.endSample[i] = a.endSample ?? NONE;
    columns.channel[i] = a.channel ?? NONE;
    columns.code[i] = a.code ?? NONE;
    columns.subtype[i] = a.subtype;
    columns.symbol[i] = intern(a.symbol);
    columns.aux[i] = intern(a.aux);
    columns.author[i] = intern(a.author);
    columns.source[i] = intern(a.source);
    columns.createdAt[i] = intern(a.createdAt);
    columns.updatedAt[i] = intern(a.updatedAt);
  });
  return columns;
}

/** The annotations the columns hold, in their order. */
export function fromAnnotationColumns(columns: AnnotationColumns): Annotation[] {
  const { strings } = columns;
  const text = (index: number | undefined): string => strings[index ?? NONE] ?? '';
  const orNull = (value: number | undefined): number | null => (value === undefined || value === NONE ? null : value);
  return Array.from({ length: columns.count }, (_, i) => ({
    id: columns.id[i] ?? 0,
    sample: columns.sample[i] ?? 0,
    endSample: orNull(columns.endSample[i]),
    channel: orNull(columns.channel[i]),
    code: orNull(columns.code[i]),
    symbol: text(columns.symbol[i]),
    subtype: columns.subtype[i] ?? 0,
    aux: orNull(columns.aux[i]) === null ? null : text(columns.aux[i]),
    author: text(columns.author[i]),
    source: text(columns.source[i]) as Annotation['source'],
    createdAt: text(columns.createdAt[i]),
    updatedAt: text(columns.updatedAt[i]),
  }));
}
