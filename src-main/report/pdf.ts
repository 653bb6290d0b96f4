import PDFDocument from 'pdfkit';
import { appName } from '../app/identity';
import type { Figure, Primitive } from './figure';
import { mmToPoints } from './paper';
import type { Block, Column, ReportDocument } from './report-document';

const MARGIN = 28;
const FOOTER_SPACE = 22;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const CELL_SIZE = 8.5;
const CELL_PAD = 2;

/**
 * The report as a vector PDF, landscape A4, with the standard Helvetica (nothing embedded).
 * The metadata names the document and the application only: no user name, no path.
 */
export function renderPdf(document: ReportDocument, version: string): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    displayTitle: true,
    lang: 'en',
    info: {
      Title: pdfText(document.title),
      Subject: 'Annotated ECG report',
      Creator: `${appName} ${version}`,
      Producer: `${appName} ${version} (PDFKit)`,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const page = new PageWriter(pdf);
  page.heading(document.title, 16);
  for (const block of document.blocks) page.block(block);
  page.footers(document.footer);
  pdf.end();
  return done;
}

/** Writes blocks top to bottom, starting a page where the next one does not fit. */
class PageWriter {
  private readonly width: number;

  constructor(private readonly pdf: PDFKit.PDFDocument) {
    this.width = pdf.page.width - 2 * MARGIN;
  }

  block(block: Block): void {
    switch (block.kind) {
      case 'heading':
        this.heading(block.text, 13);
        break;
      case 'subheading':
        this.heading(block.text, 10.5);
        break;
      case 'paragraph':
        this.pdf.font(FONT).fontSize(9).fillColor('#000000');
        this.pdf.text(pdfText(block.text), MARGIN, this.pdf.y, { width: this.width });
        this.pdf.moveDown(0.4);
        break;
      case 'fields':
        this.fields(block.rows);
        break;
      case 'table':
        this.table(block.columns, block.rows);
        break;
      case 'figure':
        this.figure(block.figure);
        break;
    }
  }

  heading(value: string, size: number): void {
    this.room(size * 3);
    this.pdf.moveDown(0.3);
    this.pdf.font(BOLD).fontSize(size).fillColor('#000000');
    this.pdf.text(pdfText(value), MARGIN, this.pdf.y, { width: this.width });
    this.pdf.moveDown(0.25);
  }

  private fields(rows: readonly (readonly [string, string])[]): void {
    const labelWidth = 130;
    const widths = [labelWidth, this.width - labelWidth];
    for (const row of rows) this.row(row, widths, [BOLD, FONT]);
    this.pdf.moveDown(0.4);
  }

  private table(columns: readonly Column[], rows: readonly (readonly string[])[]): void {
    const total = columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = columns.map((c) => (this.width * c.weight) / total);
    const titles = columns.map((c) => c.title);
    const bold = columns.map(() => BOLD);
    const plain = columns.map(() => FONT);
    const header = (): void => this.row(titles, widths, bold, '#eeeeee');
    this.room(this.rowHeight(titles, widths, bold) + this.rowHeight(rows[0] ?? [], widths, plain));
    header();
    for (const cells of rows) {
      // A row that starts a new page repeats the table's header there.
      if (this.room(this.rowHeight(cells, widths, plain))) header();
      this.row(cells, widths, plain);
    }
    this.pdf.moveDown(0.4);
  }

  private rowHeight(cells: readonly string[], widths: readonly number[], fonts: readonly string[]): number {
    const heights = cells.map((cell, i) =>
      this.pdf
        .font(fonts[i] ?? FONT)
        .fontSize(CELL_SIZE)
        .heightOfString(pdfText(cell), { width: (widths[i] ?? 0) - 2 * CELL_PAD }),
    );
    return Math.max(0, ...heights) + 2 * CELL_PAD;
  }

  /** Cells side by side, each wrapped in its width, on a new page when the row does not fit. */
  private row(
    cells: readonly string[],
    widths: readonly number[],
    fonts: readonly string[],
    shade: string | null = null,
  ): void {
    const pdf = this.pdf;
    const height = this.rowHeight(cells, widths, fonts);
    this.room(height);
    const top = pdf.y;
    if (shade !== null) pdf.rect(MARGIN, top, this.width, height).fill(shade);
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      pdf
        .font(fonts[i] ?? FONT)
        .fontSize(CELL_SIZE)
        .fillColor('#000000');
      pdf.text(pdfText(cell), x + CELL_PAD, top + CELL_PAD, { width: width - 2 * CELL_PAD });
      x += width;
    });
    pdf.moveTo(MARGIN, top + height).lineTo(MARGIN + this.width, top + height);
    pdf.lineWidth(0.4).strokeColor('#cccccc').stroke();
    pdf.x = MARGIN;
    pdf.y = top + height;
  }

  private figure(figure: Figure): void {
    const height = mmToPoints(figure.height);
    this.room(height);
    const top = this.pdf.y;
    drawFigure(this.pdf, figure, MARGIN, top);
    this.pdf.x = MARGIN;
    this.pdf.y = top + height + 2;
  }

  /** Starts a new page unless `height` points fit below the current position; returns whether it did. */
  private room(height: number): boolean {
    const bottom = this.pdf.page.height - this.pdf.page.margins.bottom;
    if (this.pdf.y + height <= bottom) return false;
    this.pdf.addPage();
    return true;
  }

  /** The footer line and page number on every page, written once all pages exist. */
  footers(footer: string): void {
    const pdf = this.pdf;
    const { start, count } = pdf.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      pdf.switchToPage(i);
      const bottom = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      pdf.font(FONT).fontSize(7).fillColor('#555555');
      pdf.text(pdfText(`${footer} · page ${i - start + 1} of ${count}`), MARGIN, pdf.page.height - MARGIN - 8, {
        lineBreak: false,
      });
      pdf.page.margins.bottom = bottom;
    }
  }
}

/** Draws a figure's primitives with its top left at (x, y) points; millimetres become points. */
function drawFigure(pdf: PDFKit.PDFDocument, figure: Figure, x: number, y: number): void {
  const px = (mm: number): number => x + mmToPoints(mm);
  const py = (mm: number): number => y + mmToPoints(mm);
  const stroke = (width: number, colour: string): void => {
    pdf.lineWidth(mmToPoints(width)).strokeColor(colour).lineCap('butt').lineJoin('round').stroke();
  };
  const draw = (item: Primitive): void => {
    switch (item.kind) {
      case 'line':
        pdf.moveTo(px(item.x1), py(item.y1)).lineTo(px(item.x2), py(item.y2));
        stroke(item.width, item.stroke);
        return;
      case 'polyline':
        pdf.moveTo(px(item.points[0] ?? 0), py(item.points[1] ?? 0));
        for (let i = 2; i + 1 < item.points.length; i += 2)
          pdf.lineTo(px(item.points[i] as number), py(item.points[i + 1] as number));
        stroke(item.width, item.stroke);
        return;
      case 'rect': {
        const w = mmToPoints(item.w);
        const h = mmToPoints(item.h);
        if (item.fill !== null) pdf.rect(px(item.x), py(item.y), w, h).fill(item.fill);
        if (item.stroke !== null) {
          pdf.rect(px(item.x), py(item.y), w, h);
          stroke(item.width, item.stroke);
        }
        return;
      }
      case 'text': {
        const value = pdfText(item.text);
        pdf
          .font(item.bold ? BOLD : FONT)
          .fontSize(mmToPoints(item.size))
          .fillColor(item.colour);
        const width = pdf.widthOfString(value);
        const shift = item.anchor === 'middle' ? width / 2 : item.anchor === 'end' ? width : 0;
        pdf.text(value, px(item.x) - shift, py(item.y), { baseline: 'alphabetic', lineBreak: false });
        return;
      }
      case 'clip':
        pdf.save();
        pdf.rect(px(item.x), py(item.y), mmToPoints(item.w), mmToPoints(item.h)).clip();
        item.children.forEach(draw);
        pdf.restore();
        return;
    }
  };
  figure.items.forEach(draw);
}

/** Windows-1252 characters PDFKit's standard fonts can show beyond Latin-1, by code point. */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
const REPLACEMENTS: Readonly<Record<string, string>> = { '→': '->', '−': '-', '≥': '>=', '≤': '<=', μ: 'µ' };

/**
 * Text the standard PDF fonts can show: they cover Windows-1252 only, so a few signs become ASCII
 * and anything else becomes '?' (the HTML report keeps every character).
 */
export function pdfText(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0x3f;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code)) out += char;
    else if (code === 0x0a) out += '\n';
    else out += REPLACEMENTS[char] ?? '?';
  }
  return out;
}
