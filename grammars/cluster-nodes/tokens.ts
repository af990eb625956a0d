// Tokens of one CLUSTER NODES / nodes.conf line.
// Format: redis 7.0 src/cluster.c clusterGenNodeDescription (also used to write nodes.conf):
//   <id> <ip>:<port>@<cport>[,<hostname>] <flags> <master|-> <ping-sent> <pong-recv> <config-epoch> <link-state> <slot>...
// Variants: redis 3.x prints `<ip>:<port>` without `@<cport>` (src/cluster.c clusterGenNodeDescription,
// `"%.40s %s:%d "`); redis 7.2+ nodes.conf appends aux fields `,<hostname>,shard-id=…,tls-port=…`
// (src/cluster_legacy.c clusterGenNodeDescription); `vars currentEpoch N lastVoteEpoch M` is the nodes.conf
// trailer (src/cluster.c clusterLoadConfig).
import { createToken, Lexer } from '../chevrotain.ts';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED });

/** Bare words (vars keys, misspelled flags); every keyword uses it as longer_alt. */
export const Word = createToken({ name: 'Word', pattern: /[A-Za-z_][A-Za-z0-9_?!.-]*/ });

// 40 lowercase hex characters (src/cluster.c verifyClusterNodeId), not followed by more word characters.
export const NodeId = createToken({
  name: 'NodeId',
  pattern: /[0-9a-f]{40}(?![0-9A-Za-z_])/,
  start_chars_hint: [...'0123456789abcdef'],
});

// `ip:port[@cport][,hostname[,aux=value…]]`; ip may be empty (noaddr `:0@0`), IPv6 (colons, last one
// separates the port) or bracketed. The visitor in src/parse splits it.
export const Endpoint = createToken({
  name: 'Endpoint',
  pattern: /(?:\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z_.:%-]*):\d+(?:@\d+)?(?:,\S*)?/,
  start_chars_hint: [...'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.:%-['],
});

/** Category of every node flag (src/cluster.c redisNodeFlagsTable, plus `noflags`). */
export const Flag = createToken({ name: 'Flag', pattern: Lexer.NA });
export const Myself = createToken({ name: 'Myself', pattern: /myself/, categories: [Flag], longer_alt: Word });
export const Master = createToken({ name: 'Master', pattern: /master/, categories: [Flag], longer_alt: Word });
export const Slave = createToken({ name: 'Slave', pattern: /slave/, categories: [Flag], longer_alt: Word });
// Deviation: Redis and Valkey print `slave`; `replica` is accepted because hand-edited and third-party
// (proxy, operator) dumps use it.
export const Replica = createToken({ name: 'Replica', pattern: /replica/, categories: [Flag], longer_alt: Word });
export const PFail = createToken({ name: 'PFail', pattern: /fail\?/, categories: [Flag] });
export const Fail = createToken({ name: 'Fail', pattern: /fail/, categories: [Flag], longer_alt: Word });
export const Handshake = createToken({ name: 'Handshake', pattern: /handshake/, categories: [Flag], longer_alt: Word });
export const NoAddr = createToken({ name: 'NoAddr', pattern: /noaddr/, categories: [Flag], longer_alt: Word });
export const NoFailover = createToken({ name: 'NoFailover', pattern: /nofailover/, categories: [Flag], longer_alt: Word });
export const NoFlags = createToken({ name: 'NoFlags', pattern: /noflags/, categories: [Flag], longer_alt: Word });

export const LinkState = createToken({ name: 'LinkState', pattern: Lexer.NA });
export const Connected = createToken({ name: 'Connected', pattern: /connected/, categories: [LinkState], longer_alt: Word });
export const Disconnected = createToken({ name: 'Disconnected', pattern: /disconnected/, categories: [LinkState], longer_alt: Word });

export const Vars = createToken({ name: 'Vars', pattern: /vars/, longer_alt: Word });

// Open slots, only on the `myself` line: `[slot->-id]` migrating, `[slot-<-id]` importing.
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const MigratingArrow = createToken({ name: 'MigratingArrow', pattern: /->-/ });
export const ImportingArrow = createToken({ name: 'ImportingArrow', pattern: /-<-/ });

export const SlotRange = createToken({ name: 'SlotRange', pattern: /\d+-\d+/ });
export const Integer = createToken({ name: 'Integer', pattern: /\d+/ });
export const Dash = createToken({ name: 'Dash', pattern: /-/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });

/**
 * Order matters (the lexer takes the first pattern that matches, not the longest):
 * - NodeId before Endpoint, SlotRange, Integer and Word: a node id may start with digits or letters;
 * - Endpoint before SlotRange/Integer/Word: `127.0.0.1:7001` must not split at the dots;
 * - the arrows before SlotRange and Dash: `100->-id` is Integer, arrow, NodeId;
 * - SlotRange before Integer; `fail?` before `fail`; keywords before Word (with Word as longer_alt).
 */
export const allTokens = [
  WhiteSpace,
  NodeId,
  Endpoint,
  LBracket,
  RBracket,
  MigratingArrow,
  ImportingArrow,
  SlotRange,
  Integer,
  Dash,
  Comma,
  Myself,
  Master,
  Slave,
  Replica,
  PFail,
  NoFailover,
  NoFlags,
  NoAddr,
  Fail,
  Handshake,
  Disconnected,
  Connected,
  Vars,
  Word,
  Flag,
  LinkState,
];
