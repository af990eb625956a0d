import type { TimelineEvent } from '../model/events.ts';

/**
 * Merge per-source event lists into one time-ordered list. Ties keep input order: first by the
 * order sources were given, then by line, so lines with equal timestamps keep file order.
 * Events whose time could not be established (NaN) sort last, in input order.
 */
export function mergeEvents(perSource: ReadonlyArray<readonly TimelineEvent[]>): TimelineEvent[] {
  const tagged: Array<{ e: TimelineEvent; s: number; i: number }> = [];
  perSource.forEach((events, s) => events.forEach((e, i) => tagged.push({ e, s, i })));
  tagged.sort((a, b) => {
    const ta = Number.isNaN(a.e.at) ? Infinity : a.e.at;
    const tb = Number.isNaN(b.e.at) ? Infinity : b.e.at;
    return ta - tb || a.s - b.s || a.e.line - b.e.line || a.i - b.i;
  });
  return tagged.map((t) => t.e);
}
