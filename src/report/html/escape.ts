/**
 * Escaping for everything that reaches the page from inputs (log text, node addresses, file names).
 * One function for text and double-quoted attribute values alike: `& < > " '` become entities, and
 * control characters (which HTML would keep or mangle) become U+FFFD.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return (
    String(value)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
      .replace(/[&<>"']/g, (c) => ENTITIES[c])
  );
}

/** Cap a text for display (code points, never splitting a surrogate pair). */
export function clip(text: string, max: number): string {
  const cps = Array.from(text);
  return cps.length > max ? `${cps.slice(0, max - 1).join('')}…` : text;
}

/** Markup that is already safe (built by `html` or by us). Everything else gets escaped. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Trust a string as markup: only for markup we generate (rendered SVG, assets). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function part(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  return esc(String(v));
}

/**
 * Template tag that escapes every interpolated value unless it is `SafeHtml` (nested `html` results
 * are). Arrays are joined; null/undefined/false vanish. Escaping is the default, so forgetting to
 * escape cannot happen by omission.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}
