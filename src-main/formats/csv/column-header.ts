/** A header cell `name (unit)` or `name [unit]`; a cell without brackets is a name without units. */
export function parseColumnHeader(cell: string): { name: string; units: string } {
  const text = cell.trim();
  const match = /^(.*?)\s*(?:\(([^()]*)\)|\[([^[\]]*)\])$/.exec(text);
  if (match === null || match[1] === '') return { name: text, units: '' };
  return { name: match[1] ?? text, units: (match[2] ?? match[3] ?? '').trim() };
}
