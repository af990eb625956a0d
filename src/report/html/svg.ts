import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { vegaTextWidth } from '../specs/text-width.ts';

// Measure text with font metrics instead of vega's no-canvas guess (0.8 em per character); this is
// vega's documented hook for headless renderers (vl-convert does the same). Only report/ uses vega.
// (vega exports it at runtime; its typings omit it)
(vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;

/**
 * Vega may never fetch anything while rendering a report: all data is inline. The only URLs a chart
 * may carry are links to rows of the same page (`#L2-9`, a mark's evidence), which stay links.
 */
const noLoader = {
  load: () => Promise.reject(new Error('failscope charts load no external data')),
  sanitize: (uri: string) =>
    /^#[A-Za-z][A-Za-z0-9_-]*$/.test(uri)
      ? Promise.resolve({ href: uri })
      : Promise.reject(new Error('failscope charts link only within the page')),
  http: () => Promise.reject(new Error('failscope charts load no external data')),
  file: () => Promise.reject(new Error('failscope charts load no external data')),
};

/**
 * Vega and Vega-Lite log to the console by default; the report stage owns no console, so their
 * warnings go to a list the caller can check (tests require it to stay empty for our specs).
 */
function sinkLogger(sink: string[]) {
  let level = vega.Warn;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]) {
      sink.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: unknown[]) {
      if (level >= vega.Warn) sink.push(`warn: ${args.map(String).join(' ')}`);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger as unknown as vega.LoggerInterface;
}

/**
 * Compile a Vega-Lite spec and render it to an SVG string on Node (no canvas, no DOM). Vega numbers
 * clip paths and gradients with process-wide counters, so ids are renamed to `<prefix>-<n>` in first-seen
 * order: several charts can share one page, and the same spec always gives the same SVG.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string, warnings: string[] = []): Promise<string> {
  if (!/^[a-z][a-z0-9-]*$/.test(idPrefix)) throw new Error(`bad id prefix ${idPrefix}`);
  const logger = sinkLogger(warnings);
  const vg = compile(spec, { logger }).spec;
  // Legends of one chart side by side with room between them (a Vega-only setting Vega-Lite does not pass on).
  const legend = vg.config?.legend ?? {};
  vg.config = { ...vg.config, legend: { ...legend, layout: { bottom: { anchor: 'start', direction: 'horizontal', margin: 36 } } } };
  const view = new vega.View(vega.parse(vg), { renderer: 'none', loader: noLoader as unknown as vega.Loader, logger, logLevel: vega.Warn });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  return renameIds(addTitles(svg), idPrefix);
}

/**
 * Hover text without scripts (issue #17): each mark item that carries an ARIA label (the specs'
 * `tip` field, through Vega-Lite's `description` channel) gets it as its SVG <title> too, which
 * browsers show on hover. The label is already escaped as an attribute value, which is valid text.
 */
export function addTitles(svg: string): string {
  return svg.replace(
    /<([a-z]+)(\s[^>]*?\srole="graphics-symbol"[^>]*?)(\/?)>/g,
    (tag, name: string, attrs: string, selfClosing: string) => {
      const label = /\saria-label="([^"]*)"/.exec(attrs);
      if (!label) return tag;
      const title = `<title>${label[1]}</title>`;
      return selfClosing ? `<${name}${attrs}>${title}</${name}>` : `<${name}${attrs}>${title}`;
    },
  );
}

/**
 * Rewrite `id="x"` and `url(#x)` inside tags only (text content is left alone: input text can hold
 * anything, but never an unescaped `<`, so tags are found reliably).
 */
export function renameIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  const rename = (id: string) => {
    let n = ids.get(id);
    if (!n) ids.set(id, (n = `${prefix}-${ids.size + 1}`));
    return n;
  };
  // first pass: collect defined ids in document order
  for (const m of svg.matchAll(/<[^>]*>/g)) for (const d of m[0].matchAll(/\sid="([^"]*)"/g)) rename(d[1]);
  return svg.replace(/<[^>]*>/g, (tag) =>
    tag
      .replace(/(\sid=")([^"]*)(")/g, (_, a: string, id: string, b: string) => a + rename(id) + b)
      .replace(/url\(#([^)]*)\)/g, (_, id: string) => `url(#${ids.get(id) ?? rename(id)})`)
      // a link to an id the SVG does not define points into the page (a timeline row): kept as it is
      .replace(/(\s(?:xlink:)?href=")#([^"]*)(")/g, (_, a: string, id: string, b: string) => a + '#' + (ids.get(id) ?? id) + b),
  );
}
