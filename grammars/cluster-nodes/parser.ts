import { CstParser } from '../chevrotain.ts';
import {
  allTokens,
  Comma,
  Dash,
  Endpoint,
  Flag,
  ImportingArrow,
  Integer,
  LBracket,
  LinkState,
  MigratingArrow,
  NodeId,
  RBracket,
  SlotRange,
  Vars,
  Word,
} from './tokens.ts';

function isDevMode(): boolean {
  return globalThis.process?.env?.FAILSCOPE_DEV === '1';
}

/**
 * One line of CLUSTER NODES output or nodes.conf.
 * https://redis.io/docs/latest/commands/cluster-nodes/ — field names as documented there.
 * Deviation: no error recovery; a line either parses or becomes one diagnostic (the visitor decides).
 */
export class ClusterNodesParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, skipValidations: !isDevMode() });
    this.performSelfAnalysis();
  }

  public line = this.RULE('line', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.varsLine) }, { ALT: () => this.SUBRULE(this.nodeLine) }]);
  });

  // nodes.conf trailer: `vars currentEpoch 6 lastVoteEpoch 0` (src/cluster.c clusterSaveConfig).
  public varsLine = this.RULE('varsLine', () => {
    this.CONSUME(Vars);
    this.AT_LEAST_ONE(() => {
      this.CONSUME(Word);
      this.CONSUME(Integer);
    });
  });

  public nodeLine = this.RULE('nodeLine', () => {
    this.SUBRULE(this.nodeId);
    this.SUBRULE(this.address);
    this.SUBRULE(this.flags);
    this.SUBRULE(this.master);
    this.SUBRULE(this.pingSent);
    this.SUBRULE(this.pongRecv);
    this.SUBRULE(this.configEpoch);
    this.SUBRULE(this.linkState);
    this.MANY(() => this.SUBRULE(this.slot));
  });

  public nodeId = this.RULE('nodeId', () => {
    this.CONSUME(NodeId);
  });

  public address = this.RULE('address', () => {
    this.CONSUME(Endpoint);
  });

  public flags = this.RULE('flags', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME(Flag) });
  });

  // The master's node id for replicas, `-` otherwise.
  public master = this.RULE('master', () => {
    this.OR([{ ALT: () => this.CONSUME(NodeId) }, { ALT: () => this.CONSUME(Dash) }]);
  });

  public pingSent = this.RULE('pingSent', () => {
    this.CONSUME(Integer);
  });

  public pongRecv = this.RULE('pongRecv', () => {
    this.CONSUME(Integer);
  });

  public configEpoch = this.RULE('configEpoch', () => {
    this.CONSUME(Integer);
  });

  public linkState = this.RULE('linkState', () => {
    this.CONSUME(LinkState);
  });

  public slot = this.RULE('slot', () => {
    this.OR([{ ALT: () => this.CONSUME(SlotRange) }, { ALT: () => this.CONSUME(Integer) }, { ALT: () => this.SUBRULE(this.openSlot) }]);
  });

  // `[slot->-id]` migrating to id, `[slot-<-id]` importing from id (myself line only).
  public openSlot = this.RULE('openSlot', () => {
    this.CONSUME(LBracket);
    this.CONSUME(Integer);
    this.OR([{ ALT: () => this.CONSUME(MigratingArrow) }, { ALT: () => this.CONSUME(ImportingArrow) }]);
    this.CONSUME(NodeId);
    this.CONSUME(RBracket);
  });
}
