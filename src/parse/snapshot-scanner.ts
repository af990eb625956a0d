/*
 * Snapshots and redis-cli sessions, line by line (issue #3).
 *
 * The line framer (src/parse) hands every line that is not a Redis log line, a wrapper or blank to feed();
 * this scanner decides what it is:
 *
 *   fence / markdown prose ─▶ ignored            timestamp-only line ─▶ capture time of the next block
 *   CLUSTER NODES / nodes.conf lines ─┐          `host:port> command` ─▶ client.command (+ reporter address)
 *   CLUSTER INFO / INFO section lines ├─ block ─▶ Snapshot + snapshot.* event
 *   nested replies (CLUSTER SHARDS) ──┤          `-> Redirected …`, `(error) …`, replies ─▶ client.* events
 *   CONFIG GET replies, redis.conf ───┘          `$ shell` lines ─▶ ignored (redis-cli ones set the address)
 *
 * A block is a run of consecutive lines of one kind: a gap in line numbers (a blank or log line in
 * between), a stamp line, a prompt or a line of another kind ends it.
 *
 * Time, in order of preference: a stamp line just before the block (or before the command that produced
 * it) or the wrapper time of its first line → atFrom 'stamp'; for CLUSTER NODES the newest ping-sent /
 * pong-received stamp of the block (a lower bound of the capture time) → 'inferred'; otherwise the capture
 * time of the nearest (by line) other snapshot of the source, else the nearest known time of any kind
 * (stamps, wrapper times, log times given to noteTime()) → 'inferred'; otherwise NaN and 'unknown'.
 * redis-cli events take their wrapper time or a stamp line just before them; else the time of the
 * snapshot their command produced; else the previous known time in the source (the next one when there is
 * none before) with timeInferred set; events left without any time keep at = NaN (the merge sorts them
 * last) and are reported in one 'no time' diagnostic per source.
 */
import type { Diagnostic } from '../model/diagnostic.ts';
import type { EventFields, EventKind, TimelineEvent } from '../model/events.ts';
import type { Address, EpochMs, NodeId } from '../model/ids.ts';
import type { TimeOptions } from '../model/parsed.ts';
import type { ClusterShardsSnapshot, NodeEntry, Snapshot } from '../model/snapshot.ts';
import { normalizeRanges, type SlotRange } from '../model/slots.ts';
import { CHECK_START, type CheckLine, readClusterCheckLine } from './snapshot/cluster-check.ts';
import { isInputTime, parseStampLine } from '../util/time.ts';
import { type CliLine, normalizeAddress, readCliLine } from './snapshot/cli-line.ts';
import { readInfoLine } from './snapshot/info-line.ts';
import { configFromTree, NestedReplyBuilder, readNestedLine, shardsFromTree, slotsFromTree } from './snapshot/nested-reply.ts';
import { FastNodesReader } from './snapshot/nodes-fast.ts';
import { looksLikeClusterNodesLine, readClusterNodesLine } from './snapshot/nodes-line.ts';
import { readConfDirective } from './snapshot/redis-conf.ts';
import { markRepeat } from '../model/repeats.ts';
import { inFieldRange } from './ranges.ts';
import { type ReplyValue, replyText } from './snapshot/reply-value.ts';

export type FeedResult = 'understood' | 'ignored' | null;

export interface SnapshotScanResult {
  snapshots: Snapshot[];
  /** snapshot.* events (one per snapshot) and client.* events, in line order. */
  events: TimelineEvent[];
  diagnostics: Diagnostic[];
}

export interface SnapshotScanner {
  /**
   * One line that is not a Redis log line. Returns 'understood' (used), 'ignored' (known, irrelevant:
   * markdown prose, shell commands and their output, other INFO sections) or null (not ours: the caller
   * counts it unknown; a line that almost parses as CLUSTER NODES also gets a diagnostic here).
   * Lines must be fed in increasing line order; `wrapperTime` is the time of a docker/kubectl/journald
   * prefix, when the line had one.
   */
  feed(text: string, line: number, wrapperTime: number | null): FeedResult;
  /** Optional: the time of another line of the same source (a log line), used to place untimed blocks. */
  noteTime(at: EpochMs, line: number): void;
  finish(): SnapshotScanResult;
}

export interface SnapshotScannerOptions {
  /** The source is known to be markdown: only fenced code is read, prose is ignored from the first line. */
  markdown?: boolean;
}

/** INFO section names (redis 7.0 src/server.c genRedisInfoString). */
const INFO_SECTIONS = new Set([
  'Server',
  'Clients',
  'Memory',
  'Persistence',
  'Stats',
  'Replication',
  'CPU',
  'Modules',
  'Errorstats',
  'Cluster',
  'Keyspace',
  'Commandstats',
  'Latencystats',
  'Keysizes',
  'Threads',
]);
/** Keys that make a `key:value` line ours without a section header (CLUSTER INFO, INFO replication). */
const KNOWN_KEY =
  /^(?:cluster_[\w-]+|total_cluster_\w+|role|connected_slaves|connected_replicas|slave\d+|replica\d+|master_\w+|slave_\w+|replica_\w+|second_repl_offset|repl_backlog_\w+|min_slaves_\w+|min_replicas_\w+)$/;
const PROMPT_LIKE = /^(?:redis )?\S+:\d+(?:\[\d+\])?(?:\(TX\))?>/;
const CLI_START =
  /^(?:\(|"|->|Error:|Could not connect|\$|not connected>|redis |\[|[A-Z][A-Z0-9_]*(?: |$)|\S+:\d+(?:\[\d+\])?(?:\(TX\))?>)/;
const ARRAY_LINE = /^\s*\d+[)#~](?: |$)/;
const SHELL_TOOLS =
  /^(?:sudo\s+)?(?:docker|podman|kubectl|oc|redis-cli|redis-server|valkey-cli|valkey-server|journalctl|systemctl|service|cat|tail|head|grep|less|ssh|date|sleep|kill|pkill|ps|ls|cd|vi|vim|nano|echo|export)\b/;
const MARKDOWN_LINE = /^\s*(?:[-*+]\s+\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\([^)]*\)|\|.*\||[-*+]\s+`[^`]*`\s*$)/;

const ISO_ZONED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;
/**
 * The recorder's stamp lines (`2026-11-25T13:22:46.088Z`) carry their zone, so Date.parse reads them
 * exactly and about a hundred times faster than luxon; anything else goes to parseStampLine.
 */
function fastIsoStamp(t: string): EpochMs | null {
  const m = ISO_ZONED.exec(t);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}${m[3]}`);
  return Number.isFinite(ms) ? ms : null;
}

interface Lead {
  /** Command text as typed (`cluster nodes`). */
  command: string;
  address: Address | null;
  /** Index into `clientEvents` of the client.command event, when one was made. */
  eventIndex: number | null;
  line: number;
  stampAt: EpochMs | null;
}

type BlockKind = 'nodes' | 'info' | 'config-items' | 'nested' | 'conf' | 'check';

interface Block {
  kind: BlockKind;
  line: number;
  endLine: number;
  firstText: string;
  stampAt: EpochMs | null;
  lead: Lead | null;
  entries: NodeEntry[];
  vars?: { currentEpoch: number; lastVoteEpoch: number };
  section: string | null;
  fields: Record<string, string>;
  items: ReplyValue[];
  builder: NestedReplyBuilder | null;
  params: Record<string, string>;
  /** `--cluster check`: the nodes shown, in order. */
  check: Array<{ role: 'master' | 'replica'; id: NodeId; address: Address; slots: SlotRange[]; flags: string[]; masterId: NodeId | null }>;
  /** `--cluster check`: the node it ran against (`Performing Cluster Check (using node …)`). */
  checkAddress: Address | null;
  /** CLUSTER NODES: the first entry flagged `myself`. */
  myself: NodeEntry | null;
  /**
   * CLUSTER NODES: the source's previous CLUSTER NODES snapshot while every entry so far repeated the
   * entry at its index there (model/repeats.ts), else null.
   */
  repeats: (Snapshot & { kind: 'cluster-nodes' }) | null;
  /** CLUSTER NODES: the entries' nodeBlock records are not written yet (see addNodeEntry). */
  deferred: boolean;
}

interface PendingSnapshot {
  snap: Snapshot;
  leadEventIndex: number | null;
  firstText: string;
  /** The block's `myself` entry (saves a search of 1000 entries per snapshot in resolve()). */
  myself?: NodeEntry;
}

interface PendingEvent {
  event: TimelineEvent;
}

/** `redis-cli -h host -p port [-c] [-n db] … [command…]` → address and command (redis 7.0 parseOptions). */
function readRedisCliInvocation(command: string): { address: Address; command: string } | null {
  // Only the first command of a pipeline or list (`redis-cli -p 7000 cluster info | head -3`).
  const words = command
    .split(/\s*(?:\|\|?|&&|;|>)\s*/)[0]
    .split(/\s+/)
    .filter(Boolean);
  const at = words.findIndex((w) => /(?:^|\/)(?:redis|valkey)-cli$/.test(w));
  if (at < 0) return null;
  let host = '127.0.0.1';
  let port = '6379';
  const rest: string[] = [];
  // Options that take a value (redis 7.0 src/redis-cli.c parseOptions).
  const withValue = new Set([
    '-h',
    '-p',
    '-s',
    '-a',
    '-u',
    '-r',
    '-i',
    '-n',
    '-d',
    '-D',
    '-e',
    '--user',
    '--pass',
    '--askpass',
    '--cluster',
    '--tls-cert',
    '--cert',
    '--key',
    '--cacert',
    '--cacertdir',
    '--sni',
    '--eval',
    '--pattern',
    '--count',
    '--quoted-pattern',
    '--memkeys-samples',
    '--rdb',
    '--functions-rdb',
    '--pipe-timeout',
    '--intrinsic-latency',
  ]);
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (rest.length === 0 && w.startsWith('-')) {
      if (w === '-h') host = words[++i] ?? host;
      else if (w === '-p') port = words[++i] ?? port;
      else if (withValue.has(w)) i++;
      continue;
    }
    rest.push(w);
  }
  return {
    address: normalizeAddress(host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`),
    command: rest.join(' '),
  };
}

function newBlock(kind: BlockKind, line: number, text: string, stampAt: EpochMs | null, lead: Lead | null): Block {
  return {
    kind,
    line,
    endLine: line,
    firstText: text,
    stampAt,
    lead,
    entries: [],
    section: null,
    fields: {},
    items: [],
    builder: kind === 'nested' ? new NestedReplyBuilder() : null,
    params: {},
    check: [],
    checkAddress: null,
    myself: null,
    repeats: null,
    deferred: false,
  };
}

const SNAPSHOT_EVENT: Record<Snapshot['kind'], EventKind> = {
  'cluster-nodes': 'snapshot.cluster-nodes',
  'cluster-info': 'snapshot.cluster-info',
  replication: 'snapshot.replication',
  'cluster-shards': 'snapshot.cluster-shards',
  config: 'snapshot.config',
};

class Scanner implements SnapshotScanner {
  private readonly source: string;
  private readonly zone: string;
  private md: boolean;
  private inFence = false;
  private lastLine: number | null = null;
  private pendingStamp: { at: EpochMs; line: number } | null = null;
  private lead: Lead | null = null;
  private block: Block | null = null;
  private conf: Block | null = null;
  /** A redis-cli session was seen in this source (prompt or `redis-cli` command): bare replies are ours. */
  private session = false;
  private sessionCommand = '';
  /** After a non-redis shell command: its output is ignored (markdown fences only). */
  private shellOutput = false;
  /** Known times by line; `snapshot` marks the capture times of this source's snapshots. */
  private readonly anchors: Array<{ line: number; at: EpochMs; snapshot?: boolean }> = [];
  private readonly snapshots: PendingSnapshot[] = [];
  private readonly clientEvents: PendingEvent[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly fastNodes = new FastNodesReader();
  /**
   * Node id → the last CLUSTER NODES block that listed it. One map for the whole source instead of a
   * fresh Set per block: 1000-line blocks every second made the Sets' growth a cost.
   */
  private readonly nodeBlock = new Map<NodeId, Block>();
  /** The last CLUSTER NODES snapshot of this source (what the next block may repeat). */
  private lastNodes: (Snapshot & { kind: 'cluster-nodes' }) | null = null;

  constructor(source: string, time: TimeOptions, opts: SnapshotScannerOptions) {
    this.source = source;
    this.zone = time.zone;
    this.md = opts.markdown === true;
  }

  noteTime(at: EpochMs, line: number): void {
    if (Number.isFinite(at)) this.anchors.push({ line, at });
  }

  feed(raw: string, line: number, wrapperTime: number | null): FeedResult {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.lastLine !== null && line !== this.lastLine + 1) this.breakRun();
    this.lastLine = line;
    if (wrapperTime !== null && Number.isFinite(wrapperTime)) this.anchors.push({ line, at: wrapperTime });
    const t = text.trim();
    if (t === '') {
      this.breakRun();
      return 'ignored';
    }

    // Markdown: fences toggle; outside them everything is prose.
    if (/^(?:```|~~~)/.test(t)) {
      this.md = true;
      this.inFence = !this.inFence;
      this.breakRun();
      this.closeConf();
      this.shellOutput = false;
      return 'ignored';
    }
    if (this.md && !this.inFence) {
      this.breakRun();
      return 'ignored';
    }

    // The common CLUSTER NODES line without the grammar (no such line is a stamp, an array item or prose).
    const entry = this.fastNodes.read(t, line);
    if (entry) {
      const stampAt = this.pendingStamp && this.pendingStamp.line === line - 1 ? this.pendingStamp.at : null;
      const lead = this.lead && this.lead.line === line - 1 ? this.lead : null;
      return this.addNodeEntry(entry, t, line, stampAt ?? lead?.stampAt ?? wrapperTime ?? null, lead, this.fastNodes.repeated);
    }
    const stamp = fastIsoStamp(t) ?? parseStampLine(t, this.zone);
    if (stamp !== null && !isInputTime(stamp)) {
      this.breakRun();
      this.diagnostics.push({
        severity: 'warning',
        source: this.source,
        line,
        message: 'time stamp out of range (before 1970 or after 9999): line skipped',
        skip: true,
      });
      return null;
    }
    if (stamp !== null) {
      this.breakRun();
      this.pendingStamp = { at: stamp, line };
      this.anchors.push({ line, at: stamp });
      return 'understood';
    }
    const stampHere = this.pendingStamp && this.pendingStamp.line === line - 1 ? this.pendingStamp.at : null;
    const leadHere = this.lead && this.lead.line === line - 1 ? this.lead : null;
    const startTime = stampHere ?? leadHere?.stampAt ?? wrapperTime ?? null;

    if (ARRAY_LINE.test(text)) {
      const r = this.feedArray(text, line, startTime, leadHere);
      if (r) return r;
    }
    if (CHECK_START.test(t)) {
      const check = readClusterCheckLine(t);
      if (check) return this.feedCheck(check, line, startTime, leadHere);
    }
    if (looksLikeClusterNodesLine(t)) return this.feedNodes(t, line, startTime, leadHere);
    if (t.startsWith('#')) {
      const info = /^#\s?[A-Z]/.test(t) ? readInfoLine(t) : null;
      if (info?.kind === 'section' && INFO_SECTIONS.has(info.name)) {
        this.closeBlock();
        this.block = newBlock('info', line, t, startTime, leadHere);
        this.block.section = info.name;
        this.lead = null;
        return info.name === 'Replication' ? 'understood' : 'ignored';
      }
      // A heading or a config-file comment.
      if (this.block?.kind !== 'conf') this.closeBlock();
      return 'ignored';
    }
    if (CLI_START.test(t)) {
      const cli = readCliLine(t);
      if (cli) {
        const r = this.feedCli(cli, t, line, wrapperTime ?? stampHere, leadHere);
        if (r) return r;
      }
    }
    if (/^[A-Za-z][A-Za-z0-9_.-]*:/.test(t) && !PROMPT_LIKE.test(t)) {
      const r = this.feedField(t, line, startTime, leadHere);
      if (r) return r;
    }
    if (SHELL_TOOLS.test(t)) return this.feedShell(t, line, wrapperTime ?? stampHere);
    const directive = readConfDirective(t);
    if (directive) {
      this.closeBlock();
      this.lead = null;
      if (!this.conf) this.conf = newBlock('conf', line, t, startTime, null);
      this.conf.params[directive.name] = directive.value;
      this.conf.endLine = line;
      return 'understood';
    }
    this.closeBlock();
    this.lead = null;
    if (MARKDOWN_LINE.test(t)) {
      this.md = true;
      return 'ignored';
    }
    if (/^(?:\.\.\.+|…)$/.test(t) && (this.md || this.session)) return 'ignored';
    if (this.md && this.inFence && this.shellOutput) return 'ignored';
    return null;
  }

  finish(): SnapshotScanResult {
    this.closeBlock();
    this.closeConf();
    return this.resolve();
  }

  // ── line kinds ────────────────────────────────────────────────────────────────────────────────────────

  private feedNodes(t: string, line: number, startTime: EpochMs | null, lead: Lead | null): FeedResult {
    const r = readClusterNodesLine(t, line);
    if (r.kind === 'error') {
      this.diagnostics.push({ severity: 'warning', source: this.source, line, message: `not a valid CLUSTER NODES line: ${r.message}` });
      if (this.block?.kind === 'nodes') this.block.endLine = line;
      return null;
    }
    if (r.kind === 'vars') {
      if (this.block?.kind === 'nodes') {
        this.block.vars = r.vars;
        this.block.endLine = line;
        this.closeBlock(); // the trailer ends a nodes.conf
      }
      return 'understood';
    }
    return this.addNodeEntry(r.entry, t, line, startTime, lead, null);
  }

  /** `repeated`: the node's previous entry when this one repeats it (id, address, flags shared), else null. */
  private addNodeEntry(
    entry: NodeEntry,
    t: string,
    line: number,
    startTime: EpochMs | null,
    lead: Lead | null,
    repeated: NodeEntry | null,
  ): FeedResult {
    let b = this.block;
    // While a block repeats the previous one entry for entry, its ids are that block's ids in order, all
    // distinct (a repeated id starts a new block): this one cannot repeat an id of the block, and its
    // nodeBlock entry is only written once an entry that does not repeat comes (undefer).
    if (b?.kind !== 'nodes' || b.repeats === null || repeated === null || b.repeats.nodes[b.entries.length] !== repeated) {
      if (b?.kind === 'nodes' && b.deferred) this.undefer(b);
      // A node id seen twice means a second CLUSTER NODES output started right after the first.
      if (b?.kind !== 'nodes' || this.nodeBlock.get(entry.id) === b) {
        this.closeBlock();
        b = this.block = newBlock('nodes', line, t, startTime, lead);
        this.lead = null;
        if (this.lastNodes !== null && repeated !== null && this.lastNodes.nodes[0] === repeated) {
          b.repeats = this.lastNodes;
          b.deferred = true;
        }
      } else b.repeats = null;
      if (!b.deferred) this.nodeBlock.set(entry.id, b);
    }
    if (b.myself === null && entry.flags.includes('myself')) b.myself = entry;
    b.entries.push(entry);
    b.endLine = line;
    return 'understood';
  }

  /** An entry that does not repeat the previous block comes: the block's entries so far go into nodeBlock. */
  private undefer(b: Block): void {
    b.deferred = false;
    for (const e of b.entries) this.nodeBlock.set(e.id, b);
  }

  private feedField(t: string, line: number, startTime: EpochMs | null, lead: Lead | null): FeedResult {
    const info = readInfoLine(t);
    if (info?.kind !== 'field') return null;
    if (this.block?.kind === 'info' && (this.block.section !== null || KNOWN_KEY.test(info.key))) {
      this.block.fields[info.key] = info.value;
      this.block.endLine = line;
      const s = this.block.section;
      return s === null || s === 'Replication' ? 'understood' : 'ignored';
    }
    if (!KNOWN_KEY.test(info.key)) return null;
    this.closeBlock();
    this.block = newBlock('info', line, t, startTime, lead);
    this.block.fields[info.key] = info.value;
    this.lead = null;
    return 'understood';
  }

  /** A line of `redis-cli --cluster check`: node, slots, replicates lines fill one block. */
  private feedCheck(c: CheckLine, line: number, startTime: EpochMs | null, lead: Lead | null): FeedResult {
    if (c.kind === 'summary') return 'ignored';
    if (c.kind === 'log') {
      const using = /^Performing Cluster Check \(using node (\S+)\)/.exec(c.text);
      this.closeBlock();
      if (using) {
        this.block = newBlock('check', line, c.text, startTime, lead);
        this.block.checkAddress = normalizeAddress(using[1]);
        this.lead = null;
        return 'understood';
      }
      return 'ignored';
    }
    if (c.kind === 'node') {
      if (this.block?.kind !== 'check' || this.block.check.some((n) => n.id === c.id)) {
        this.closeBlock();
        this.block = newBlock('check', line, c.id, startTime, lead);
        this.lead = null;
      }
      this.block.check.push({ role: c.role, id: c.id, address: normalizeAddress(c.address), slots: [], flags: [], masterId: null });
      this.block.endLine = line;
      return 'understood';
    }
    const last = this.block?.kind === 'check' ? this.block.check[this.block.check.length - 1] : undefined;
    if (!last) return null;
    if (c.kind === 'slots') {
      last.slots = c.slots;
      last.flags = c.flags;
    } else if (c.kind === 'replicates') last.masterId = c.id;
    this.block!.endLine = line;
    return 'understood';
  }

  private feedArray(text: string, line: number, startTime: EpochMs | null, lead: Lead | null): FeedResult {
    const configContext =
      this.block?.kind === 'config-items' || (lead !== null && /^config\s+get\b/i.test(lead.command) && this.block === null);
    if (configContext) {
      const item = readInfoLine(text);
      if (item?.kind === 'item') {
        if (this.block?.kind !== 'config-items') {
          this.closeBlock();
          this.block = newBlock('config-items', line, text.trim(), startTime, lead);
          this.lead = null;
        }
        this.block.items.push(item.value);
        this.block.endLine = line;
        return 'understood';
      }
    }
    const nested = readNestedLine(text);
    if (!nested) return null;
    if (this.block?.kind === 'nested' && this.block.builder!.add(nested)) {
      this.block.endLine = line;
      return 'understood';
    }
    this.closeBlock();
    const b = newBlock('nested', line, text.trim(), startTime, lead);
    if (!b.builder!.add(nested)) return null;
    this.block = b;
    this.lead = null;
    return 'understood';
  }

  private feedCli(cli: CliLine, t: string, line: number, at: EpochMs | null, lead: Lead | null): FeedResult {
    switch (cli.kind) {
      case 'prompt': {
        this.closeBlock();
        this.session = true;
        this.shellOutput = false;
        this.sessionCommand = cli.command;
        let eventIndex: number | null = null;
        if (cli.command !== '') {
          eventIndex = this.pushEvent(
            'client.command',
            t,
            line,
            at,
            { command: cli.command, ...(cli.address ? { address: cli.address } : {}) },
            cli.address,
          );
        }
        this.lead = { command: cli.command, address: cli.address, eventIndex, line, stampAt: at };
        return 'understood';
      }
      case 'redirect':
        this.closeBlock();
        this.pushEvent(
          'client.redirect',
          t,
          line,
          at,
          { slot: cli.slot, address: cli.address, command: this.sessionCommand || undefined },
          null,
        );
        // The reply that follows still belongs to the command: carry the lead over this line.
        if (lead) this.lead = { ...lead, address: cli.address, line };
        return 'understood';
      case 'error':
        this.closeBlock();
        this.lead = null;
        this.pushEvent('client.error', t, line, at, { reason: cli.code, command: this.sessionCommand || undefined }, null);
        return 'understood';
      case 'client-error':
        this.closeBlock();
        this.lead = null;
        this.pushEvent('client.error', t, line, at, { reason: 'connection', command: this.sessionCommand || undefined }, null);
        return 'understood';
      case 'reply':
        if (!this.session) return null;
        this.closeBlock();
        this.lead = null;
        this.pushEvent('client.reply', t, line, at, { command: this.sessionCommand || undefined }, null);
        return 'understood';
      case 'timing':
        if (!this.session) return null;
        this.closeBlock();
        return 'understood';
      case 'shell':
        return this.feedShell(cli.command, line, at);
    }
  }

  private feedShell(command: string, line: number, at: EpochMs | null): FeedResult {
    this.closeBlock();
    this.lead = null;
    const cli = readRedisCliInvocation(command);
    if (!cli) {
      this.shellOutput = true;
      return 'ignored';
    }
    this.session = true;
    this.shellOutput = false;
    this.sessionCommand = cli.command;
    let eventIndex: number | null = null;
    if (cli.command !== '') {
      eventIndex = this.pushEvent('client.command', command, line, at, { command: cli.command, address: cli.address }, cli.address);
    }
    this.lead = { command: cli.command, address: cli.address, eventIndex, line, stampAt: at };
    return 'understood';
  }

  // ── blocks ────────────────────────────────────────────────────────────────────────────────────────────

  /** A gap, blank, fence or prose line: nothing carries over. */
  private breakRun(): void {
    this.closeBlock();
    this.lead = null;
    this.pendingStamp = null;
  }

  private pushEvent(kind: EventKind, text: string, line: number, at: EpochMs | null, fields: EventFields, address: Address | null): number {
    const clean: EventFields = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (clean as Record<string, unknown>)[k] = v;
    const event: TimelineEvent = {
      at: at ?? NaN,
      node: null,
      kind,
      fields: clean,
      text,
      source: this.source,
      line,
      ...(address ? { address } : {}),
    };
    this.clientEvents.push({ event });
    return this.clientEvents.length - 1;
  }

  private closeConf(): void {
    const b = this.conf;
    this.conf = null;
    if (!b || Object.keys(b.params).length === 0) return;
    this.pushSnapshot({ kind: 'config', params: b.params, ...this.base(b, null, null) }, b);
  }

  private base(b: Block, reporter: NodeId | null, reporterAddress: Address | null) {
    return {
      at: b.stampAt ?? NaN,
      atFrom: (b.stampAt !== null ? 'stamp' : 'unknown') as 'stamp' | 'inferred' | 'unknown',
      source: this.source,
      line: b.line,
      endLine: b.endLine,
      reporter,
      reporterAddress,
    };
  }

  private closeBlock(): void {
    const b = this.block;
    this.block = null;
    if (!b) return;
    const address = b.lead?.address ?? null;
    switch (b.kind) {
      case 'nodes': {
        if (b.entries.length === 0) return;
        const myself = b.myself ?? undefined;
        const base = this.base(b, myself?.id ?? null, address ?? myself?.address ?? null);
        if (b.stampAt === null) {
          // Every ping-sent / pong-received stamp was taken before the capture: the newest is a lower bound.
          let newest = 0; // a loop, not Math.max(...): a block may hold more entries than call arguments fit
          for (const e of b.entries) newest = Math.max(newest, e.pingSent, e.pongRecv);
          if (newest > 0) {
            base.at = newest;
            base.atFrom = 'inferred';
          }
        }
        const snap: Snapshot & { kind: 'cluster-nodes' } = {
          kind: 'cluster-nodes',
          nodes: b.entries,
          ...(b.vars ? { vars: b.vars } : {}),
          ...base,
        };
        if (b.repeats !== null && b.repeats.nodes.length === b.entries.length) markRepeat(snap, b.repeats);
        this.lastNodes = snap;
        this.pushSnapshot(snap, b, myself);
        return;
      }
      case 'info': {
        const keys = Object.keys(b.fields);
        if (keys.length === 0) return;
        if (b.section === 'Replication' || (b.section === null && 'role' in b.fields))
          this.pushSnapshot({ kind: 'replication', fields: b.fields, ...this.base(b, null, address) }, b);
        else if (b.section === null && keys.some((k) => k.startsWith('cluster_')))
          this.pushSnapshot({ kind: 'cluster-info', fields: b.fields, ...this.base(b, null, address) }, b);
        return;
      }
      case 'config-items': {
        const params: Record<string, string> = {};
        for (let i = 0; i + 1 < b.items.length; i += 2) params[replyText(b.items[i])] = replyText(b.items[i + 1]);
        if (Object.keys(params).length > 0) this.pushSnapshot({ kind: 'config', params, ...this.base(b, null, address) }, b);
        return;
      }
      case 'nested': {
        const tree = b.builder!.tree();
        if (!tree) return;
        const shards = shardsFromTree(tree);
        if (shards && (shards.length > 0 || /cluster\s+shards/i.test(b.lead?.command ?? ''))) {
          this.pushSnapshot({ kind: 'cluster-shards', shards, ...this.base(b, null, address) }, b);
          return;
        }
        const slots = /^cluster\s+shards\b/i.test(b.lead?.command ?? '') ? null : slotsFromTree(tree);
        if (slots) {
          this.pushSnapshot({ kind: 'cluster-shards', via: 'cluster-slots', shards: slots, ...this.base(b, null, address) }, b);
          return;
        }
        const params = configFromTree(tree);
        if (params && (b.lead === null || /^config\s+get\b/i.test(b.lead.command))) {
          this.pushSnapshot({ kind: 'config', params, ...this.base(b, null, address) }, b);
          return;
        }
        // Another command's array reply: one client.reply event for the whole reply.
        if (b.lead) this.pushEvent('client.reply', b.firstText, b.line, b.stampAt, { command: b.lead.command }, null);
        return;
      }
      case 'conf':
        return;
      case 'check': {
        if (b.check.length === 0) return;
        const shards = new Map<NodeId, ClusterShardsSnapshot['shards'][number]>();
        const endpoint = (a: Address) => {
          const i = a.lastIndexOf(':');
          return { endpoint: a.slice(0, i), ip: a.slice(0, i), port: Number(a.slice(i + 1)) };
        };
        const health = (flags: string[]) => (flags.includes('fail') ? 'failed' : '');
        for (const n of b.check)
          if (n.role === 'master')
            shards.set(n.id, {
              slots: normalizeRanges(n.slots),
              nodes: [{ id: n.id, ...endpoint(n.address), role: 'master', health: health(n.flags) }],
            });
        for (const n of b.check)
          if (n.role === 'replica') {
            const sh = n.masterId ? shards.get(n.masterId) : undefined;
            const node = { id: n.id, ...endpoint(n.address), role: 'replica', health: health(n.flags) };
            if (sh) sh.nodes.push(node);
            else shards.set(n.id, { slots: [], nodes: [node] });
          }
        const reporterAddress = b.checkAddress ?? address;
        const reporter = b.check.find((n) => n.address === reporterAddress)?.id ?? null;
        this.pushSnapshot(
          { kind: 'cluster-shards', via: 'cluster-check', shards: [...shards.values()], ...this.base(b, reporter, reporterAddress) },
          b,
        );
        return;
      }
    }
  }

  private pushSnapshot(snap: Snapshot, b: Block, myself?: NodeEntry): void {
    if (Number.isFinite(snap.at)) this.anchors.push({ line: snap.line, at: snap.at, snapshot: true });
    this.snapshots.push({ snap, leadEventIndex: b.lead?.eventIndex ?? null, firstText: b.firstText, ...(myself ? { myself } : {}) });
  }

  // ── time and reporter resolution ──────────────────────────────────────────────────────────────────────

  private resolve(): SnapshotScanResult {
    const anchors = [...this.anchors].sort((a, b) => a.line - b.line || a.at - b.at);
    const snapshotAnchors = anchors.filter((a) => a.snapshot);
    /** Index of the first anchor of `pool` whose line is >= line (> line with `after`). */
    const bound = (pool: typeof anchors, line: number, after = false): number => {
      let lo = 0;
      let hi = pool.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (pool[mid].line < line || (after && pool[mid].line === line)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    /** The anchor nearest by line; ties go to the earlier line, and among one line to the first anchor. */
    const nearest = (line: number, pool: typeof anchors): EpochMs | null => {
      const i = bound(pool, line);
      const next = pool[i];
      const prev = i > 0 ? pool[bound(pool, pool[i - 1].line)] : undefined;
      if (!prev) return next?.at ?? null;
      if (!next) return prev.at;
      return line - prev.line <= next.line - line ? prev.at : next.at;
    };
    /** The last anchor at or before the line, else the first after it. */
    const previousOrNext = (line: number): EpochMs | null => {
      const i = bound(anchors, line, true);
      return (i > 0 ? anchors[i - 1].at : anchors[i]?.at) ?? null;
    };

    for (const p of this.snapshots) {
      const s = p.snap;
      if (!Number.isFinite(s.at)) {
        // The same session's other snapshots first (a CLUSTER INFO taken next to a CLUSTER NODES), then any
        // known time of the source.
        const at = nearest(s.line, snapshotAnchors) ?? nearest(s.line, anchors);
        if (at !== null) {
          s.at = at;
          s.atFrom = 'inferred';
        }
      }
    }
    // Reporter of blocks that name no `myself`: the CLUSTER NODES block nearest by line from the same
    // address; without an address, the one node every CLUSTER NODES block of the source was taken from.
    const nodesBlocks = this.snapshots.map((p) => p.snap).filter((s) => s.kind === 'cluster-nodes');
    const reporters = new Set(nodesBlocks.map((n) => n.reporter));
    const onlyReporter = reporters.size === 1 ? [...reporters][0] : null;
    for (const p of this.snapshots) {
      const s = p.snap;
      if (s.reporter !== null) continue;
      if (s.reporterAddress === null) {
        s.reporter = onlyReporter;
        continue;
      }
      let best: { d: number; id: NodeId } | null = null;
      for (const n of nodesBlocks)
        if (n.reporter && n.reporterAddress === s.reporterAddress) {
          const d = Math.abs(n.line - s.line);
          if (!best || d < best.d) best = { d, id: n.reporter };
        }
      if (best) s.reporter = best.id;
    }

    const events: TimelineEvent[] = [];
    for (const p of this.snapshots) {
      const s = p.snap;
      const lead = p.leadEventIndex !== null ? this.clientEvents[p.leadEventIndex].event : null;
      if (lead && !Number.isFinite(lead.at) && Number.isFinite(s.at)) {
        lead.at = s.at;
        lead.timeInferred = true;
      }
      const myself =
        s.kind === 'cluster-nodes'
          ? p.myself && p.myself.id === s.reporter
            ? p.myself
            : s.nodes.find((n) => n.id === s.reporter)
          : undefined;
      const address = myself?.address || s.reporterAddress || undefined;
      const fields: EventFields = {};
      if (s.kind === 'config') {
        const timeout = Number(s.params['cluster-node-timeout']);
        if (s.params['cluster-node-timeout'] !== undefined && inFieldRange('nodeTimeoutMs', timeout)) fields.nodeTimeoutMs = timeout;
      }
      if (s.kind === 'cluster-info' && (s.fields.cluster_state === 'ok' || s.fields.cluster_state === 'fail'))
        fields.state = s.fields.cluster_state;
      events.push({
        at: s.at,
        node: s.reporter,
        ...(address ? { address } : {}),
        kind: SNAPSHOT_EVENT[s.kind],
        fields,
        text: p.firstText,
        source: this.source,
        line: s.line,
        ...(s.endLine !== s.line ? { endLine: s.endLine } : {}),
        ...(s.atFrom !== 'stamp' ? { timeInferred: true } : {}),
      });
    }
    let untimed = 0;
    let firstUntimed = 0;
    for (const { event } of this.clientEvents) {
      if (!Number.isFinite(event.at)) {
        const at = previousOrNext(event.line);
        if (at !== null) {
          event.at = at;
          event.timeInferred = true;
        } else {
          untimed++;
          if (firstUntimed === 0) firstUntimed = event.line;
        }
      }
      events.push(event);
    }
    for (const e of events) if (!Number.isFinite(e.at)) e.at = NaN;
    const untimedSnaps = this.snapshots.filter((p) => !Number.isFinite(p.snap.at));
    if (untimed + untimedSnaps.length > 0) {
      const first = Math.min(...[firstUntimed || Infinity, ...untimedSnaps.map((p) => p.snap.line)]);
      this.diagnostics.push({
        severity: 'info',
        source: this.source,
        line: first,
        message: `no time: ${untimed + untimedSnaps.length} snapshot/redis-cli event(s) have no capture time and sort last`,
      });
    }
    events.sort((a, b) => a.line - b.line);
    const snapshots = this.snapshots.map((p) => p.snap).sort((a, b) => a.line - b.line);
    return { snapshots, events, diagnostics: this.diagnostics };
  }
}

/** Create the scanner for one source. `source` is its display path. */
export function createSnapshotScanner(source: string, time: TimeOptions, opts: SnapshotScannerOptions = {}): SnapshotScanner {
  return new Scanner(source, time, opts);
}
