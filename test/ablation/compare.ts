// Compare what the analysis says about one evidence subset with what that subset can tell
// (ablation.expected.json, written by scripts/derive-ablation.ts from truth.json, snapshots and raw logs).
// Returns one readable line per problem; an empty list is a pass.
//
// "unknown" in the expected accepts the true value or the analysis saying nothing (null, '', a
// placeholder that is not a node id / slot range / kind), never a wrong value. `tell: "maybe"` items may
// be left out, but what is reported about them must not be wrong. Anything the analysis reports that no
// truth item explains is a problem too: a failover, a block, an outage or an error that did not happen.
import type { AnalysisV1, Failover, Finding, Outage } from '../../src/model/analysis.ts';
import type { ExpectedIncident, ExpectedSubset } from '../../scripts/derive-ablation.ts';

const UNKNOWN = 'unknown';
/** Cluster-wide outage from logs (issue #12): within 300 ms of the probe's. */
export const TOL_CLUSTER_MS = 300;
/** Per-range unavailability where a line marks the fault (issue #12): within 400 ms. */
export const TOL_RANGE_MS = 400;
/** How far from a probe window an outage may lie and still be about it. */
const NEAR_MS = 1000;

const HEX40 = /^[0-9a-f]{40}$/;
const SLOTS = /^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/;
const KINDS = new Set(['automatic', 'manual', 'takeover', 'force']);
const isId = (v: unknown): v is string => typeof v === 'string' && HEX40.test(v);
const isSlots = (v: unknown): v is string => typeof v === 'string' && SLOTS.test(v.replace(/\s+/g, ''));
const isKind = (v: unknown): v is string => typeof v === 'string' && KINDS.has(v);
const short = (v: unknown) => (isId(v) ? v.slice(0, 8) : v === null || v === undefined ? 'null' : JSON.stringify(v));
const ms = (iso: string) => Date.parse(iso);
const hhmmss = (iso: string | null) => (iso === null ? 'open' : iso.slice(11, 23));

function ranges(text: string): Array<[number, number]> {
  return text
    .replace(/\s+/g, '')
    .split(',')
    .map((p) => p.split('-').map(Number))
    .map(([a, b]) => [a, b ?? a] as [number, number]);
}
const canon = (text: string) =>
  ranges(text)
    .sort((x, y) => x[0] - y[0])
    .map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`))
    .join(',');
const sameSlots = (a: string, b: string) => canon(a) === canon(b);
const intersects = (a: string, b: string) => ranges(a).some(([a0, a1]) => ranges(b).some(([b0, b1]) => a0 <= b1 && b0 <= a1));

/** A value the analysis gives contradicts the truth (a given value that is not the true one). */
function contradicts(given: unknown, truth: string, valid: (v: unknown) => boolean, same = (a: string, b: string) => a === b): boolean {
  return valid(given) && !same(given as string, truth);
}

/** The subset can name the value (expected is not unknown) but the analysis does not. */
function missingValue(field: string, expected: string, given: unknown, valid: (v: unknown) => boolean): string | null {
  if (expected === UNKNOWN || valid(given)) return null;
  return `${field} is ${short(expected)} (the evidence names it), the analysis says ${short(given)}`;
}

const fmtFailover = (f: Failover) => `${short(f.oldMaster)} → ${short(f.newMaster)} (${f.kind}, slots ${short(f.slots)})`;
const fmtFinding = (f: Finding) => `${f.rule} about ${short(f.nodes[0])}`;
const fmtOutage = (o: Outage) =>
  `${hhmmss(o.start)}–${hhmmss(o.end)}${o.scope === 'slots' ? ` slots ${short(o.slots)} of ${short(o.nodes[0])}` : ''}`;

function overlaps(o: Outage, start: string, end: string | null, slack: number): boolean {
  const oe = o.end === null ? Infinity : ms(o.end);
  const e = end === null ? Infinity : ms(end);
  return ms(o.start) <= e + slack && oe >= ms(start) - slack;
}

/** Of several outages about one window, the one nearest to it (so a fragment does not hide a good match). */
function closest(outages: Outage[], start: string, end: string | null): Outage | undefined {
  const far = (o: Outage) =>
    Math.abs(ms(o.start) - ms(start)) + (o.end === null || end === null ? (o.end === end ? 0 : 1e9) : Math.abs(ms(o.end) - ms(end)));
  return [...outages].sort((a, b) => far(a) - far(b))[0];
}

export function compareSubset(a: AnalysisV1, inc: ExpectedIncident, sub: ExpectedSubset): string[] {
  const problems: string[] = [];

  // 1. Failovers: each truth failover the subset shows must be there with every value it can name; every
  //    failover the analysis reports must be one that happened, with no wrong value.
  // Copies, so that the same object reported twice counts twice.
  const failovers = a.failovers.map((f) => ({ ...f }));
  const used = new Set<Failover>();
  const consistent = (f: Failover, t: ExpectedSubset['failovers'][number]['truth']) =>
    !contradicts(f.oldMaster, t.old, isId) &&
    !contradicts(f.newMaster, t.new, isId) &&
    !contradicts(f.kind, t.kind, isKind) &&
    !contradicts(f.slots, t.slots, isSlots, sameSlots);
  const matchedFailover = new Map<number, Failover>();
  const order = sub.failovers
    .map((_, i) => i)
    .sort((x, y) => (sub.failovers[x].tell === 'yes' ? 0 : 1) - (sub.failovers[y].tell === 'yes' ? 0 : 1) || x - y);
  for (const i of order) {
    const e = sub.failovers[i];
    const score = (f: Failover) =>
      [f.oldMaster === e.truth.old, f.newMaster === e.truth.new, f.kind === e.truth.kind].filter(Boolean).length;
    const cand = failovers.filter((f) => !used.has(f) && consistent(f, e.truth)).sort((x, y) => score(y) - score(x))[0];
    const what = `failover ${short(e.truth.old)} → ${short(e.truth.new)} (${e.truth.kind})`;
    if (!cand) {
      if (e.tell === 'yes')
        problems.push(
          `${what} not reported (evidence: ${e.because[0] ?? '?'}); the analysis has ${failovers.length === 0 ? 'no failover' : failovers.map(fmtFailover).join('; ')}`,
        );
      continue;
    }
    used.add(cand);
    matchedFailover.set(i, cand);
    if (e.tell !== 'yes') continue;
    for (const p of [
      missingValue(`${what}: old master`, e.old, cand.oldMaster, isId),
      missingValue(`${what}: new master`, e.new, cand.newMaster, isId),
      missingValue(`${what}: kind`, e.kind, cand.kind, isKind),
      missingValue(`${what}: slots`, e.slots, cand.slots, isSlots),
    ])
      if (p) problems.push(p);
  }
  for (const f of failovers) {
    if (used.has(f)) continue;
    const near = sub.failovers.find((e) => f.oldMaster === e.truth.old || f.newMaster === e.truth.new);
    if (near) {
      const t = near.truth;
      const wrong = [
        contradicts(f.oldMaster, t.old, isId) ? `old master ${short(f.oldMaster)} (truth ${short(t.old)})` : '',
        contradicts(f.newMaster, t.new, isId) ? `new master ${short(f.newMaster)} (truth ${short(t.new)})` : '',
        contradicts(f.kind, t.kind, isKind) ? `kind ${f.kind} (truth ${t.kind})` : '',
        contradicts(f.slots, t.slots, isSlots, sameSlots) ? `slots ${f.slots} (truth ${t.slots})` : '',
      ].filter(Boolean);
      problems.push(`failover ${fmtFailover(f)}: wrong ${wrong.length > 0 ? wrong.join(', ') : 'count (reported twice)'}`);
    } else
      problems.push(
        `failover ${fmtFailover(f)} did not happen (truth: ${sub.failovers.length === 0 ? 'no failover' : sub.failovers.map((e) => `${short(e.truth.old)} → ${short(e.truth.new)}`).join('; ')})`,
      );
  }

  // 2. Block reasons (failover.blocked.*, failover.expired).
  const isBlock = (r: string) => r.startsWith('failover.blocked.') || r === 'failover.expired';
  const blocks = a.findings.filter((f) => isBlock(f.rule)).map((f) => ({ ...f }));
  const usedB = new Set<Finding>();
  const UNKNOWN_BLOCK = 'failover.blocked.unknown';
  for (const e of [...sub.blocked].sort((x, y) => (x.tell === 'yes' ? 0 : 1) - (y.tell === 'yes' ? 0 : 1))) {
    const ruleFits = (r: string) =>
      e.rule === UNKNOWN ? r !== 'failover.expired' : r === e.rule || (r === UNKNOWN_BLOCK && e.rule !== 'failover.expired');
    const cand = blocks.find((f) => !usedB.has(f) && ruleFits(f.rule) && !contradicts(f.nodes[0], e.truth.master, isId));
    const what = `${e.rule === UNKNOWN ? 'a blocked failover' : e.rule} for ${short(e.truth.master)}`;
    if (!cand) {
      if (e.tell === 'yes')
        problems.push(
          `${what} not reported (evidence: ${e.because.slice(0, 2).join('; ')}); the analysis has ${blocks.length === 0 ? 'no block finding' : blocks.map(fmtFinding).join('; ')}`,
        );
      continue;
    }
    usedB.add(cand);
    if (e.tell === 'yes') {
      const p = missingValue(`${what}: master`, e.master, cand.nodes[0], isId);
      if (p) problems.push(p);
      if (e.ruleTold && cand.rule === UNKNOWN_BLOCK)
        problems.push(`${what}: the evidence tells the reason (${e.because[0]}), the analysis says ${UNKNOWN_BLOCK}`);
    }
  }
  for (const f of blocks)
    if (!usedB.has(f))
      problems.push(
        `${fmtFinding(f)} is not what happened (truth: ${sub.blocked.length === 0 ? 'no blocked failover' : sub.blocked.map((e) => `${e.rule} for ${short(e.truth.master)}`).join('; ')})`,
      );

  // 3. The cluster-wide outage.
  const cluster = a.outages.filter((o) => o.scope === 'cluster').map((o) => ({ ...o }));
  const usedC = new Set<Outage>();
  for (const e of sub.clusterOutages) {
    const cand = closest(
      cluster.filter((o) => !usedC.has(o) && overlaps(o, e.start, e.end, TOL_CLUSTER_MS)),
      e.start,
      e.end,
    );
    const what = `cluster-wide outage ${hhmmss(e.start)}–${hhmmss(e.end)} (probe)`;
    if (!cand) {
      if (e.tell === 'yes')
        problems.push(
          `${what} not reported (evidence: ${e.because[0] ?? '?'}); the analysis has ${cluster.length === 0 ? 'none' : cluster.map(fmtOutage).join('; ')}`,
        );
      continue;
    }
    usedC.add(cand);
    if (e.tell !== 'yes') continue;
    if (e.timing === 'checked') {
      const ds = Math.abs(ms(cand.start) - ms(e.start));
      const de = cand.end === null || e.end === null ? (cand.end === e.end ? 0 : Infinity) : Math.abs(ms(cand.end) - ms(e.end));
      if (ds > TOL_CLUSTER_MS || de > TOL_CLUSTER_MS)
        problems.push(
          `${what}: the analysis says ${fmtOutage(cand)} (start off by ${ds} ms, end by ${de === Infinity ? '∞' : de} ms; ${TOL_CLUSTER_MS} ms allowed)`,
        );
    } else if (e.timing === 'bracket' && e.startBetween && e.endBetween) {
      const inside = (t: string | null, [lo, hi]: [string, string]) =>
        t !== null && ms(t) >= ms(lo) - TOL_CLUSTER_MS && ms(t) <= ms(hi) + TOL_CLUSTER_MS;
      // An end the analysis read from snapshots is itself bounds: they must meet the expected ones.
      const endInside =
        cand.end !== null
          ? inside(cand.end, e.endBetween)
          : cand.endBounds !== null &&
            ms(cand.endBounds[0]) <= ms(e.endBetween[1]) + TOL_CLUSTER_MS &&
            ms(cand.endBounds[1]) >= ms(e.endBetween[0]) - TOL_CLUSTER_MS;
      if (!inside(cand.start, e.startBetween) || !endInside)
        problems.push(
          `${what}: the analysis says ${fmtOutage(cand)}, the snapshots bound it to start ${hhmmss(e.startBetween[0])}–${hhmmss(e.startBetween[1])}, end ${hhmmss(e.endBetween[0])}–${hhmmss(e.endBetween[1])} (±${TOL_CLUSTER_MS} ms)`,
        );
    }
  }
  // An outage before the probe started was the cluster being created: no client saw it, and the
  // recording's truth says the cluster was healthy when the incident began.
  const before = (o: Outage) =>
    ms(o.start) < ms(inc.probe.startedAt) ? `, before the probe started at ${hhmmss(inc.probe.startedAt)}: cluster start-up` : '';
  for (const o of cluster)
    if (!usedC.has(o))
      problems.push(
        `cluster-wide outage ${fmtOutage(o)} did not happen (probe: ${sub.clusterOutages.length === 0 ? 'no CLUSTERDOWN' : sub.clusterOutages.map((e) => `${hhmmss(e.start)}–${hhmmss(e.end)}`).join('; ')}${before(o)})`,
      );

  // 4. Per-range unavailability. A failover's is its timingsMs.unavailable; a blocked master's or a
  //    paused one's is a slot outage.
  const slotOutages = a.outages.filter((o) => o.scope === 'slots').map((o) => ({ ...o }));
  const usedS = new Set<Outage>();
  // Items the subset shows first (as for failovers and blocks): a "maybe" item must not take the one
  // outage a "yes" item needs when neither names its master.
  const rangeOrder = [...sub.rangeOutages].sort((x, y) => (x.tell === 'yes' ? 0 : 1) - (y.tell === 'yes' ? 0 : 1));
  rangeOrder.forEach((e) => {
    const what = `unavailability of ${short(e.truth.master)}'s slots ${e.truth.slots} ${hhmmss(e.start)}–${hhmmss(e.end)} (probe ${e.durationMs} ms)`;
    if (e.of === 'failover') {
      const i = sub.failovers.findIndex((f) => f.truth.old === e.truth.master);
      const f = matchedFailover.get(i);
      if (
        f &&
        e.tell === 'yes' &&
        e.timing === 'checked' &&
        e.durationMs !== null &&
        Math.abs(f.timingsMs.unavailable - e.durationMs) > TOL_RANGE_MS
      )
        problems.push(
          `${what}: the failover says ${f.timingsMs.unavailable} ms (${TOL_RANGE_MS} ms allowed; fault marked by ${e.because[0]})`,
        );
      return;
    }
    const cand = closest(
      slotOutages.filter(
        (o) =>
          !usedS.has(o) &&
          overlaps(o, e.start, e.end, NEAR_MS) &&
          !contradicts(o.slots, e.truth.slots, isSlots, intersects) &&
          !contradicts(o.nodes[0], e.truth.master, isId),
      ),
      e.start,
      e.end,
    );
    if (!cand) {
      if (e.tell === 'yes')
        problems.push(
          `${what} not reported; the analysis has ${slotOutages.length === 0 ? 'no slot outage' : slotOutages.map(fmtOutage).join('; ')}`,
        );
      return;
    }
    usedS.add(cand);
    if (e.tell !== 'yes') return;
    const p =
      missingValue(`${what}: master`, e.master, cand.nodes[0], isId) ?? missingValue(`${what}: slots`, e.slots, cand.slots, isSlots);
    if (p) problems.push(p);
    if (e.timing === 'checked' && e.end !== null && e.durationMs !== null) {
      const de = cand.end === null ? Infinity : Math.abs(ms(cand.end) - ms(e.end));
      const dd = cand.durationMs === null ? Infinity : Math.abs(cand.durationMs - e.durationMs);
      if (de > TOL_RANGE_MS || dd > TOL_RANGE_MS)
        problems.push(`${what}: the analysis says ${fmtOutage(cand)}, ${cand.durationMs} ms (${TOL_RANGE_MS} ms allowed)`);
    }
  });
  // Any other slot outage must lie on a probe failure run of a range it is about, unless it is too short
  // for the probe to see. A write slower than the probe's timeout is not a failure, and a write into a
  // range that hangs (paused clients of a manual failover, a stopped master) fails only when it was sent
  // at least timeoutMs before the range serves again; the probe sends one every intervalMs
  // (src/live/probe.ts tick), so the first may come up to intervalMs late: only an outage of
  // timeoutMs + intervalMs or more is sure to hold a failed write.
  for (const o of slotOutages) {
    if (usedS.has(o)) continue;
    if (o.durationMs !== null && o.durationMs < inc.probe.timeoutMs + inc.probe.intervalMs) continue;
    const run = inc.probe.runs.find((r) => overlaps(o, r.start, r.end, NEAR_MS) && !contradicts(o.slots, r.slots, isSlots, intersects));
    if (!run) problems.push(`slot outage ${fmtOutage(o)} did not happen (the probe saw no failure on those slots then${before(o)})`);
  }

  // 5. Findings truth does not support.
  for (const f of a.findings) {
    if (isBlock(f.rule)) continue; // judged in 2.
    if (f.severity === 'error' && !inc.mustNot.errorsAllowed.includes(f.rule))
      problems.push(`error ${fmtFinding(f)} is not supported by truth (allowed errors: ${inc.mustNot.errorsAllowed.join(', ') || 'none'})`);
    else if (inc.mustNot.rules.includes(f.rule)) problems.push(`${f.severity} ${fmtFinding(f)} did not happen`);
    const allowed = inc.mustNot.nodeRules[f.rule];
    if (allowed && isId(f.nodes[0]) && !allowed.includes(f.nodes[0]))
      problems.push(`${f.severity} ${fmtFinding(f)}: truth has ${allowed.length === 0 ? 'no such node' : allowed.map(short).join(', ')}`);
  }
  return problems;
}
