// CST visitor for one CLUSTER NODES / nodes.conf line (grammars/cluster-nodes): CST → NodeEntry.
import type { IToken } from 'chevrotain';
import { parseClusterNodesLine } from '../../../grammars/cluster-nodes/index.ts';
import type { LineCstNode, NodeLineCstNode, SlotCstNode, VarsLineCstNode } from '../../../grammars/cluster-nodes/cst.d.ts';
import type { NodeEntry, NodeFlag, OpenSlot } from '../../model/snapshot.ts';
import type { SlotRange } from '../../model/slots.ts';
import { SLOT_COUNT } from '../../model/slots.ts';
import { MAX_INPUT_MS } from '../../util/time.ts';

export type NodesLineResult =
  | { kind: 'node'; entry: NodeEntry }
  | { kind: 'vars'; vars: { currentEpoch: number; lastVoteEpoch: number } }
  | { kind: 'error'; message: string };

const FLAG_OF_TOKEN: Record<string, NodeFlag> = {
  Myself: 'myself',
  Master: 'master',
  Slave: 'slave',
  Replica: 'slave', // see the grammar's Deviation note
  PFail: 'fail?',
  Fail: 'fail',
  Handshake: 'handshake',
  NoAddr: 'noaddr',
  NoFailover: 'nofailover',
  NoFlags: 'noflags',
};

/**
 * Cheap pre-check: does this line look like it wants to be a CLUSTER NODES line (so that a parse failure
 * deserves a diagnostic rather than silence)? At least 8 fields, an `ip:port` second field and a flags-like
 * third field, or the nodes.conf `vars` trailer.
 */
export function looksLikeClusterNodesLine(text: string): boolean {
  const t = text.trim();
  if (/^vars\s+[A-Za-z]+\s+\d+/.test(t)) return true;
  const f = t.split(/\s+/);
  return f.length >= 8 && /:\d+(?:@\d+)?(?:,|$)/.test(f[1]) && /^[a-z?,]+$/.test(f[2]);
}

/** Split `ip:port[@cport][,hostname[,aux…]]` (redis 7.0 src/cluster.c clusterLoadConfig does the same). */
export function splitEndpoint(text: string): { address: string; busPort: number | null; hostname: string | null } {
  const comma = text.indexOf(',');
  const hostPart = comma < 0 ? text : text.slice(0, comma);
  const aux = comma < 0 ? [] : text.slice(comma + 1).split(',');
  // The first aux field is the hostname unless it is a `key=value` pair (7.2 nodes.conf writes `,,` for none).
  const hostname = aux.length > 0 && aux[0] !== '' && !aux[0].includes('=') ? aux[0] : null;
  const at = hostPart.indexOf('@');
  let ipPort = at < 0 ? hostPart : hostPart.slice(0, at);
  // Redis prints IPv6 bare (`::1:7000`); a bracketed `[::1]:7000` (hand-written, redis-cli style) is read the same.
  const bracketed = /^\[([^\]]*)\]:(\d+)$/.exec(ipPort);
  if (bracketed) ipPort = `${bracketed[1]}:${bracketed[2]}`;
  const busPort = at < 0 ? null : Number(hostPart.slice(at + 1));
  return { address: ipPort, busPort, hostname };
}

function int(tok: IToken): number {
  return Number(tok.image);
}

function slotError(s: number): string | null {
  return s >= 0 && s < SLOT_COUNT ? null : `slot ${s} is out of range 0-${SLOT_COUNT - 1}`;
}

function readSlots(slots: SlotCstNode[], entry: { slots: SlotRange[]; openSlots: OpenSlot[] }): string | null {
  for (const s of slots) {
    const c = s.children;
    if (c.SlotRange) {
      const [a, b] = c.SlotRange[0].image.split('-').map(Number);
      const bad = slotError(a) ?? slotError(b) ?? (a > b ? `slot range ${a}-${b} is reversed` : null);
      if (bad) return bad;
      entry.slots.push({ start: a, end: b });
    } else if (c.Integer) {
      const a = int(c.Integer[0]);
      const bad = slotError(a);
      if (bad) return bad;
      entry.slots.push({ start: a, end: a });
    } else if (c.openSlot) {
      const o = c.openSlot[0].children;
      const slot = int(o.Integer[0]);
      const bad = slotError(slot);
      if (bad) return bad;
      entry.openSlots.push({ slot, direction: o.MigratingArrow ? 'migrating' : 'importing', peer: o.NodeId[0].image });
    }
  }
  return null;
}

/**
 * Ping-sent and pong-recv are mstime() values or 0 (redis 7.0 src/cluster.c clusterGenNodeDescription);
 * beyond year 9999 no clock wrote them. A config epoch is a uint64 counter: past 2^53 it cannot be
 * compared exactly, so it is refused rather than rounded. The bus port is a TCP port.
 */
function numberError(e: NodeEntry, c: NodeLineCstNode['children']): string | null {
  const text = (n: { children: { Integer: IToken[] } }[]): string => n[0].children.Integer[0].image;
  if (e.pingSent > MAX_INPUT_MS) return `ping-sent ${text(c.pingSent)} is out of range (ms since 1970, at most ${MAX_INPUT_MS})`;
  if (e.pongRecv > MAX_INPUT_MS) return `pong-recv ${text(c.pongRecv)} is out of range (ms since 1970, at most ${MAX_INPUT_MS})`;
  if (!Number.isSafeInteger(e.configEpoch))
    return `config epoch ${text(c.configEpoch)} is out of range (at most ${Number.MAX_SAFE_INTEGER})`;
  if (e.busPort !== null && !(e.busPort >= 0 && e.busPort <= 65535)) return `bus port ${e.busPort} is out of range 0-65535`;
  return null;
}

function readNodeLine(n: NodeLineCstNode, line: number): NodesLineResult {
  const c = n.children;
  const ep = splitEndpoint(c.address[0].children.Endpoint[0].image);
  const flags = c.flags[0].children.Flag.map((t) => FLAG_OF_TOKEN[t.tokenType.name]);
  const m = c.master[0].children;
  const entry: NodeEntry = {
    id: c.nodeId[0].children.NodeId[0].image,
    address: ep.address,
    busPort: ep.busPort,
    hostname: ep.hostname,
    flags: [...new Set(flags)],
    masterId: m.NodeId ? m.NodeId[0].image : null,
    pingSent: int(c.pingSent[0].children.Integer[0]),
    pongRecv: int(c.pongRecv[0].children.Integer[0]),
    configEpoch: int(c.configEpoch[0].children.Integer[0]),
    linkState: c.linkState[0].children.LinkState[0].tokenType.name === 'Disconnected' ? 'disconnected' : 'connected',
    slots: [],
    openSlots: [],
    line,
  };
  const bad = numberError(entry, c) ?? readSlots(c.slot ?? [], entry);
  if (bad) return { kind: 'error', message: bad };
  return { kind: 'node', entry };
}

function readVars(v: VarsLineCstNode): NodesLineResult {
  const vars = { currentEpoch: 0, lastVoteEpoch: 0 };
  for (const t of v.children.Integer ?? [])
    if (!Number.isSafeInteger(Number(t.image)))
      return { kind: 'error', message: `epoch ${t.image} is out of range (at most ${Number.MAX_SAFE_INTEGER})` };
  v.children.Word.forEach((w, i) => {
    const value = Number(v.children.Integer[i]?.image ?? 0);
    // nodes.conf keys are matched case-insensitively (src/cluster.c clusterLoadConfig, strcasecmp).
    const key = w.image.toLowerCase();
    if (key === 'currentepoch') vars.currentEpoch = value;
    else if (key === 'lastvoteepoch') vars.lastVoteEpoch = value;
  });
  return { kind: 'vars', vars };
}

/** Explain why a CLUSTER NODES-looking line does not parse, in the user's terms. */
function explain(text: string, fallback: string): string {
  const f = text.trim().split(/\s+/);
  if (!/^[0-9a-f]{40}$/.test(f[0])) return `bad node id '${f[0]}' (want 40 lowercase hex characters)`;
  if (f[3] !== '-' && f[3] !== undefined && !/^[0-9a-f]{40}$/.test(f[3])) return `bad master id '${f[3]}' (want a node id or -)`;
  for (const flag of f[2]?.split(',') ?? [])
    if (!['myself', 'master', 'slave', 'replica', 'fail?', 'fail', 'handshake', 'noaddr', 'nofailover', 'noflags'].includes(flag))
      return `unknown flag '${flag}'`;
  for (let i = 4; i < 7; i++) if (f[i] !== undefined && !/^\d+$/.test(f[i])) return `field ${i + 1} '${f[i]}' is not a number`;
  if (f[7] !== 'connected' && f[7] !== 'disconnected') return `bad link state '${f[7]}'`;
  for (const s of f.slice(8)) if (!/^(\d+|\d+-\d+|\[\d+-[<>]-[0-9a-f]{40}\])$/.test(s)) return `bad slot '${s}'`;
  return fallback;
}

/** Parse one line. Errors are values (`kind: 'error'`), never exceptions. */
export function readClusterNodesLine(text: string, line: number): NodesLineResult {
  const r = parseClusterNodesLine(text);
  if (!r.cst || r.parseErrors.length > 0) {
    const first = r.lexErrors[0]?.message ?? r.parseErrors[0]?.message ?? 'does not parse';
    return { kind: 'error', message: explain(text, first) };
  }
  const cst = r.cst as LineCstNode;
  if (cst.children.varsLine) return readVars(cst.children.varsLine[0]);
  return readNodeLine(cst.children.nodeLine![0], line);
}
