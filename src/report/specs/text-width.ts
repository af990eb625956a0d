/**
 * Text width for laying out charts on Node, where vega has no canvas and otherwise guesses
 * 0.8 em per character (labels then get cut and legends pushed far apart). Widths are Helvetica /
 * Arial advance widths in 1/1000 em (their AFM metrics), scaled up because the system font may run
 * wider (DejaVu Sans, Linux' usual fallback, is about 15% wider): a little slack beats clipped labels. A pure function of the text.
 */
const WIDTHS: Record<string, number> = {};
function set(chars: string, w: number) {
  for (const c of chars) WIDTHS[c] = w;
}
set(" !,.:;[]\\/fIijlt|'", 278);
set('()-`{}r"*', 333);
set('^', 469);
set('Jcksvxyz', 500);
set('FTZ', 611);
set('0123456789#$_?Labdeghnopqu~', 556);
set('+<=>', 584);
set('ABEKPSVXY', 667);
set('&CDHNRUw', 722);
set('GOQ', 778);
set('Mm', 833);
set('%', 889);
set('W', 944);
set('@', 1015);
set('→…—–·', 1000);
WIDTHS.i = 222;
WIDTHS.j = 222;
WIDTHS.l = 222;
WIDTHS.f = 278;
WIDTHS.t = 278;

const SCALE = 1.18;

export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const w = WIDTHS[ch];
    units += w ?? (ch.codePointAt(0)! > 0x2e80 ? 1000 : 600);
  }
  return (units / 1000) * fontSize * SCALE * (bold ? 1.08 : 1);
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/** Drop-in for `vega.textMetrics.width(item, text)`. */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const s = text === null || text === undefined ? '' : String(text).trim();
  const size = item.fontSize !== undefined && item.fontSize !== null ? +item.fontSize || 0 : 11;
  const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
  const w = textWidth(s, size, bold);
  // vega truncates to `limit` with an ellipsis: the drawn text is never wider than that
  return item.limit !== undefined && item.limit > 0 && w > item.limit ? item.limit : w;
}
