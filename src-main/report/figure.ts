/**
 * A figure as both renderers draw it: primitives in millimetres, y pointing down, origin at the
 * figure's top left. The PDF renderer scales them to points, the HTML renderer writes them as
 * SVG in a millimetre viewBox; neither decides anything about the layout.
 */
export type Primitive =
  | { readonly kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  /** Points as x0, y0, x1, y1, …; an open path. */
  | { readonly kind: 'polyline'; points: readonly number[]; stroke: string; width: number }
  | {
      readonly kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill: string | null;
      stroke: string | null;
      width: number;
    }
  /** `y` is the baseline; `size` is the font size in millimetres. */
  | {
      readonly kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      colour: string;
      anchor: 'start' | 'middle' | 'end';
      bold: boolean;
    }
  /** Children drawn only inside the rectangle. */
  | { readonly kind: 'clip'; x: number; y: number; w: number; h: number; children: readonly Primitive[] };

export interface Figure {
  readonly width: number;
  readonly height: number;
  readonly items: readonly Primitive[];
  /** What the figure shows, for a screen reader and the HTML title. */
  readonly description: string;
}

export function text(
  x: number,
  y: number,
  value: string,
  options: { size?: number; colour?: string; anchor?: 'start' | 'middle' | 'end'; bold?: boolean } = {},
): Primitive {
  return {
    kind: 'text',
    x,
    y,
    text: value,
    size: options.size ?? 2.5,
    colour: options.colour ?? '#000000',
    anchor: options.anchor ?? 'start',
    bold: options.bold ?? false,
  };
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number): Primitive {
  return { kind: 'line', x1, y1, x2, y2, stroke, width };
}

export function rect(
  x: number,
  y: number,
  w: number,
  h: number,
  style: { fill?: string; stroke?: string } = {},
): Primitive {
  return { kind: 'rect', x, y, w, h, fill: style.fill ?? null, stroke: style.stroke ?? null, width: 0.15 };
}
