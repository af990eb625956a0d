// CST visitor for grammars/cluster-shards, and the rebuilding of a nested redis-cli reply from the columns
// of its element markers (redis 7.0 src/redis-cli.c cliFormatReplyTTY right-aligns indexes, so the column
// where a marker ENDS identifies its aggregate).
import type { IToken } from 'chevrotain';
import { parseClusterShardsLine } from '../../../grammars/cluster-shards/index.ts';
import type { LeafCstNode, LineCstNode } from '../../../grammars/cluster-shards/cst.d.ts';
import type { ClusterShardsSnapshot } from '../../model/snapshot.ts';
import type { SlotRange } from '../../model/slots.ts';
import { normalizeRanges, SLOT_COUNT } from '../../model/slots.ts';
import { inFieldRange } from '../ranges.ts';
import { type ReplyValue, replyText, unquoteRepr } from './reply-value.ts';

export interface Marker {
  /** Column (0-based) of the marker's last character: `)`, `#` or `~`. */
  endCol: number;
  index: number;
  type: 'array' | 'map' | 'set';
}

export interface NestedLine {
  markers: Marker[];
  /** RESP3 map key (`1# "slots" =>`) of the innermost element, if any. */
  key?: ReplyValue;
  /** The leaf value, absent when the element's value is an aggregate printed from the next line on. */
  value?: ReplyValue;
}

function readLeaf(l: LeafCstNode): ReplyValue {
  const c = l.children;
  if (c.QuotedString) return { type: 'string', value: unquoteRepr(c.QuotedString[0].image) };
  if (c.IntegerTag) return { type: 'integer', value: Number(c.Number![0].image) };
  if (c.DoubleTag) return { type: 'double', value: c.Number![0].image };
  if (c.Nil) return { type: 'nil' };
  if (c.Bool) return { type: 'bool', value: c.Bool[0].image === '(true)' };
  if (c.Empty) return { type: 'empty' };
  if (c.ErrorTag) return { type: 'error', value: c.Rest?.[0].image.trim() ?? '' };
  return { type: 'status', value: c.Status![0].image };
}

function marker(t: IToken): Marker {
  const last = t.image[t.image.length - 1];
  return {
    endCol: t.startOffset + t.image.length - 1,
    index: parseInt(t.image, 10),
    type: last === '#' ? 'map' : last === '~' ? 'set' : 'array',
  };
}

/** Parse one line of a nested reply; null when it is not one. */
export function readNestedLine(text: string): NestedLine | null {
  const r = parseClusterShardsLine(text);
  if (!r.cst || r.parseErrors.length > 0) return null;
  const out: NestedLine = { markers: [] };
  const elements = (r.cst as LineCstNode).children.element;
  elements.forEach((e, i) => {
    out.markers.push(marker(e.children.Marker[0]));
    const last = i === elements.length - 1;
    if (e.children.mapKey) {
      if (!last) return; // a map key can only precede the innermost element's value
      out.key = readLeaf(e.children.mapKey[0].children.leaf[0]);
    }
    if (e.children.leaf) {
      if (!last) return;
      out.value = readLeaf(e.children.leaf[0]);
    }
  });
  // A key or value before the last marker is not a layout redis-cli prints.
  const bad = elements.slice(0, -1).some((e) => e.children.mapKey || e.children.leaf);
  return bad ? null : out;
}

/** A rebuilt reply: leaves, arrays (also sets) and maps (entries in order). */
export type ReplyTree = ReplyValue | { type: 'array'; items: ReplyTree[] } | { type: 'map'; entries: Array<[ReplyTree, ReplyTree]> };

interface Frame {
  endCol: number;
  type: 'array' | 'map' | 'set';
  items: Array<{ key?: ReplyValue; value?: ReplyTree }>;
}

/** Rebuilds a reply tree line by line. */
export class NestedReplyBuilder {
  private readonly root: Frame[] = [];
  private stack: Frame[] = [];

  /** Add one line; false when it does not fit the layout so far (a new reply should start). */
  add(l: NestedLine): boolean {
    for (const m of l.markers) {
      while (this.stack.length > 0 && this.stack[this.stack.length - 1].endCol > m.endCol) this.stack.pop();
      const top = this.stack[this.stack.length - 1];
      if (top && top.endCol === m.endCol) {
        if (m.index !== top.items.length + 1) return false;
        top.items.push({});
      } else {
        if (m.index !== 1) return false;
        const frame: Frame = { endCol: m.endCol, type: m.type, items: [{}] };
        if (top) {
          const current = top.items[top.items.length - 1];
          if (current.value !== undefined) return false;
          current.value = frame as unknown as ReplyTree; // resolved in tree()
        } else if (this.root.length > 0) return false;
        else this.root.push(frame);
        this.stack.push(frame);
      }
    }
    const top = this.stack[this.stack.length - 1];
    if (!top) return false;
    const current = top.items[top.items.length - 1];
    if (l.key) current.key = l.key;
    if (l.value) current.value = l.value;
    return true;
  }

  tree(): ReplyTree | null {
    return this.root.length ? resolve(this.root[0]) : null;
  }
}

function resolve(f: Frame): ReplyTree {
  const val = (v: unknown): ReplyTree =>
    v && typeof v === 'object' && 'endCol' in v ? resolve(v as Frame) : ((v as ReplyTree) ?? { type: 'nil' });
  if (f.type === 'map') return { type: 'map', entries: f.items.map((i) => [i.key ?? { type: 'nil' }, val(i.value)]) };
  return { type: 'array', items: f.items.map((i) => val(i.value)) };
}

/** A map, or an array of alternating keys and values (RESP2), as key → value. */
function asRecord(t: ReplyTree): Map<string, ReplyTree> | null {
  if (t.type === 'map') return new Map(t.entries.map(([k, v]) => [k.type === 'array' || k.type === 'map' ? '' : replyText(k), v]));
  if (t.type !== 'array' || t.items.length % 2 !== 0) return null;
  const out = new Map<string, ReplyTree>();
  for (let i = 0; i < t.items.length; i += 2) {
    const k = t.items[i];
    if (k.type !== 'string' && k.type !== 'status') return null;
    out.set(k.value, t.items[i + 1]);
  }
  return out;
}

function leafText(t: ReplyTree | undefined): string | undefined {
  if (!t || t.type === 'array' || t.type === 'map') return undefined;
  return replyText(t);
}

/**
 * CLUSTER SHARDS reply (redis 7.0 src/cluster.c clusterReplyShards / addShardReplyForClusterShards /
 * addNodeDetailsToShardReply) → shards; null when the tree is not that shape.
 */
export function shardsFromTree(tree: ReplyTree): ClusterShardsSnapshot['shards'] | null {
  if (tree.type !== 'array') return null;
  const shards: ClusterShardsSnapshot['shards'] = [];
  for (const s of tree.items) {
    const rec = asRecord(s);
    const slotsT = rec?.get('slots');
    const nodesT = rec?.get('nodes');
    if (!rec || !slotsT || !nodesT) return null;
    const bounds = slotsT.type === 'array' ? slotsT.items.map((x) => (x.type === 'integer' ? x.value : NaN)) : [];
    // Slot bounds within 0..16383 and in order, else this is not a CLUSTER SHARDS reply we can use.
    if (bounds.some((b) => !Number.isInteger(b) || b < 0 || b >= SLOT_COUNT) || bounds.length % 2 !== 0) return null;
    for (let i = 0; i < bounds.length; i += 2) if (bounds[i] > bounds[i + 1]) return null;
    const slots: SlotRange[] = [];
    for (let i = 0; i < bounds.length; i += 2) slots.push({ start: bounds[i], end: bounds[i + 1] });
    if (nodesT.type !== 'array' && !(nodesT.type === 'empty')) return null;
    const nodes: ClusterShardsSnapshot['shards'][number]['nodes'] = [];
    for (const n of nodesT.type === 'array' ? nodesT.items : []) {
      const nr = asRecord(n);
      const id = leafText(nr?.get('id'));
      if (!nr || !id) return null;
      const port = leafText(nr.get('port'));
      const offset = leafText(nr.get('replication-offset'));
      nodes.push({
        id,
        endpoint: leafText(nr.get('endpoint')),
        ip: leafText(nr.get('ip')),
        port: port === undefined || !inFieldRange('port', Number(port)) ? undefined : Number(port),
        role: leafText(nr.get('role')) ?? '',
        health: leafText(nr.get('health')) ?? '',
        replicationOffset: offset === undefined || !inFieldRange('offset', Number(offset)) ? undefined : Number(offset),
      });
    }
    shards.push({ slots: normalizeRanges(slots), nodes });
  }
  return shards;
}

/** A flat array of alternating name/value strings (CONFIG GET) → params; null otherwise. */
export function configFromTree(tree: ReplyTree): Record<string, string> | null {
  const rec = asRecord(tree);
  if (!rec || rec.size === 0) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of rec) {
    const text = leafText(v);
    if (!/^[a-z][a-z0-9-]*$/.test(k) || text === undefined) return null;
    out[k] = text;
  }
  return out;
}

/**
 * CLUSTER SLOTS reply (redis 7.0 src/cluster.c clusterReplyMultiBulkSlots / addNodeReplyForClusterSlot /
 * addNodeToNodeReply) → shards, one per master, its ranges merged; null when the tree is not that shape.
 * Each range is `[start, end, master, replica…]`, a node `[endpoint, port, id, {metadata}]` (7.0+; the
 * endpoint may be nil or a hostname, 3.2–6.2 send `[ip, port, id]`). Only available replicas are listed,
 * and no health: nodes get health ''.
 * https://redis.io/docs/latest/commands/cluster-slots/
 */
export function slotsFromTree(tree: ReplyTree): ClusterShardsSnapshot['shards'] | null {
  if (tree.type !== 'array' || tree.items.length === 0) return null;
  const byMaster = new Map<string, ClusterShardsSnapshot['shards'][number]>();
  for (const r of tree.items) {
    if (r.type !== 'array' || r.items.length < 3) return null;
    const [start, end, ...nodes] = r.items;
    if (start.type !== 'integer' || end.type !== 'integer' || start.value > end.value || end.value > 16383) return null;
    const read = nodes.map((n) => {
      if (n.type !== 'array' || n.items.length < 3) return null;
      const [ep, port, id] = n.items;
      if (port.type !== 'integer' || (id.type !== 'string' && id.type !== 'status')) return null;
      const endpoint = ep.type === 'string' ? ep.value : undefined;
      return { id: id.value, endpoint, ip: endpoint, port: port.value };
    });
    if (read.some((x) => x === null)) return null;
    const [master, ...replicas] = read as Array<NonNullable<(typeof read)[number]>>;
    let shard = byMaster.get(master.id);
    if (!shard) byMaster.set(master.id, (shard = { slots: [], nodes: [{ ...master, role: 'master', health: '' }] }));
    shard.slots.push({ start: start.value, end: end.value });
    for (const rep of replicas) if (!shard.nodes.some((n) => n.id === rep.id)) shard.nodes.push({ ...rep, role: 'replica', health: '' });
  }
  const out = [...byMaster.values()];
  for (const sh of out) sh.slots = normalizeRanges(sh.slots);
  return out;
}
