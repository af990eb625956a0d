import type { Check } from '../model.ts';
import { msg } from '../messages.ts';
import { finding } from './util.ts';

export const clockSkew: Check = (ctx) => {
  const s = ctx.skew;
  if (s.inconsistent)
    return [
      finding(
        'clock.skew',
        'error',
        msg.clockInconsistent(s.violations.length),
        s.violations[0]?.after.at ?? null,
        [],
        s.violations.flatMap((v) => [v.before.evidence, v.after.evidence]).slice(0, 6),
      ),
    ];
  return s.offsets.map((o) => {
    const v = s.violations.find((x) => x.before.source === o.source || x.after.source === o.source);
    return finding(
      'clock.skew',
      'warning',
      msg.clockSkew(o.source, o.offsetMs, o.reason),
      v ? v.after.at : null,
      [],
      v ? [v.before.evidence, v.after.evidence] : [],
    );
  });
};
