import type { Evidence } from '../model/analysis.ts';

/** The `file:line` a finding or note cites for an event or snapshot (the same helper as replay/state.ts). */
export const evidenceOf = (e: { source: string; line: number }): Evidence => ({ source: e.source, line: e.line });
