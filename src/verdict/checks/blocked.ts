import type { BlockReason, Check } from '../model.ts';
import { msg } from '../messages.ts';
import { finding } from './util.ts';

/** One check per block reason: a serving master went down and no replica took over, and why. */
export const blockedCheck =
  (reason: Exclude<BlockReason, 'failover.expired'>): Check =>
  (ctx) =>
    ctx.blocked
      .filter((b) => b.reason === reason)
      .map((b) => finding(reason, 'error', msg.blocked(b, ctx.label), b.episode.start, [b.master, ...b.replicas], b.evidence));
