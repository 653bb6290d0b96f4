import { appName } from '../app/identity';
import type { Block, ReportDocument } from './report-document';
import { escapeHtml, figureSvg } from './svg';

/**
 * The report as one self-contained HTML page: inline CSS, figures as inline SVG, no script, and
 * a Content-Security-Policy that lets the page load nothing at all, so opening it makes no request.
 */
export function renderHtml(document: ReportDocument, version: string): string {
  let figures = 0;
  const block = (item: Block): string => {
    switch (item.kind) {
      case 'heading':
        return `<h2>${escapeHtml(item.text)}</h2>`;
      case 'subheading':
        return `<h3>${escapeHtml(item.text)}</h3>`;
      case 'paragraph':
        return `<p>${escapeHtml(item.text)}</p>`;
      case 'fields':
        return `<dl>${item.rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
      case 'table': {
        const total = item.columns.reduce((sum, c) => sum + c.weight, 0);
        const cols = item.columns.map((c) => `<col style="width:${((100 * c.weight) / total).toFixed(1)}%">`);
        const head = item.columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('');
        const body = item.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
        return `<table><colgroup>${cols.join('')}</colgroup><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
      }
      case 'figure':
        return `<figure>${figureSvg(item.figure, `f${figures++}`)}</figure>`;
    }
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="${escapeHtml(`${appName} ${version}`)}">
<title>${escapeHtml(document.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(document.title)}</h1>
${document.blocks.map(block).join('\n')}
<footer>${escapeHtml(document.footer)}</footer>
</body>
</html>
`;
}

const STYLE = `
@page { size: A4 landscape; margin: 10mm; }
body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #000; margin: 10mm; max-width: 277mm; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 0.3mm solid #999; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; }
p { margin: 1mm 0 2mm; }
dl { display: grid; grid-template-columns: 45mm 1fr; gap: 0.5mm 3mm; margin: 0 0 3mm; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0 0 3mm; font-size: 8.5pt; }
th, td { text-align: left; vertical-align: top; padding: 0.6mm 1mm; border-bottom: 0.2mm solid #ccc; overflow-wrap: anywhere; }
th { background: #eee; }
figure { margin: 0 0 1mm; break-inside: avoid; }
figure svg { display: block; font-family: Helvetica, Arial, sans-serif; }
footer { margin-top: 6mm; font-size: 8pt; color: #555; }
`;
