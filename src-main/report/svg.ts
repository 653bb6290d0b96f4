import type { Figure, Primitive } from './figure';

/**
 * A figure as inline SVG: the viewBox is in millimetres and so are width and height, so the
 * printed page keeps 25 mm/s and 10 mm/mV. `id` makes the figure's clip paths unique in the page.
 */
export function figureSvg(figure: Figure, id: string): string {
  let clips = 0;
  const draw = (item: Primitive): string => {
    switch (item.kind) {
      case 'line':
        return `<line x1="${n(item.x1)}" y1="${n(item.y1)}" x2="${n(item.x2)}" y2="${n(item.y2)}" stroke="${item.stroke}" stroke-width="${n(item.width)}"/>`;
      case 'polyline': {
        const points: string[] = [];
        for (let i = 0; i + 1 < item.points.length; i += 2) {
          points.push(`${n(item.points[i] as number)},${n(item.points[i + 1] as number)}`);
        }
        return `<polyline points="${points.join(' ')}" fill="none" stroke="${item.stroke}" stroke-width="${n(item.width)}" stroke-linejoin="round"/>`;
      }
      case 'rect': {
        const stroke = item.stroke === null ? '' : ` stroke="${item.stroke}" stroke-width="${n(item.width)}"`;
        return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" fill="${item.fill ?? 'none'}"${stroke}/>`;
      }
      case 'text': {
        const weight = item.bold ? ' font-weight="bold"' : '';
        return `<text x="${n(item.x)}" y="${n(item.y)}" font-size="${n(item.size)}" text-anchor="${item.anchor}" fill="${item.colour}"${weight}>${escapeHtml(item.text)}</text>`;
      }
      case 'clip': {
        const clipId = `${id}-clip${clips++}`;
        const area = `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}"/>`;
        return `<clipPath id="${clipId}">${area}</clipPath><g clip-path="url(#${clipId})">${item.children.map(draw).join('')}</g>`;
      }
    }
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(figure.width)} ${n(figure.height)}" width="${n(figure.width)}mm" height="${n(figure.height)}mm" role="img" aria-label="${escapeHtml(figure.description)}">`,
    ...figure.items.map(draw),
    '</svg>',
  ].join('');
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Two decimals of a millimetre: finer than any printer. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}
