import { CstParser } from '../chevrotain.ts';
import {
  Additional,
  allTokens,
  Arrow,
  Comma,
  Endpoint,
  Flag,
  Integer,
  LogTag,
  LParen,
  NodeId,
  Pipe,
  Replicates,
  Rest,
  RoleTag,
  ShortId,
  SlotRange,
  SlotsClose,
  SlotsKey,
  Unit,
} from './tokens.ts';

function isDevMode(): boolean {
  return globalThis.process?.env?.FAILSCOPE_DEV === '1';
}

/**
 * One line of `redis-cli --cluster check` output (redis 7.0 src/redis-cli.c clusterManagerNodeInfo,
 * clusterManagerShowClusterInfo, clusterManagerLog).
 * https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
 */
export class ClusterCheckParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, skipValidations: !isDevMode() });
    this.performSelfAnalysis();
  }

  public line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.nodeLine) },
      { ALT: () => this.SUBRULE(this.slotsLine) },
      { ALT: () => this.SUBRULE(this.replicatesLine) },
      { ALT: () => this.SUBRULE(this.replicasLine) },
      { ALT: () => this.SUBRULE(this.summaryLine) },
      { ALT: () => this.SUBRULE(this.logLine) },
    ]);
  });

  /** `M: <id> <ip>:<port>` */
  public nodeLine = this.RULE('nodeLine', () => {
    this.CONSUME(RoleTag);
    this.CONSUME(NodeId);
    this.CONSUME(Endpoint);
  });

  /** `slots:[0-5460],[5462] (5462 slots) master` — no ranges for a replica: `slots: (0 slots) slave`. */
  public slotsLine = this.RULE('slotsLine', () => {
    this.CONSUME(SlotsKey);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.CONSUME(SlotRange) });
    this.CONSUME(LParen);
    this.CONSUME(Integer);
    this.CONSUME(SlotsClose);
    this.MANY_SEP2({ SEP: Comma, DEF: () => this.CONSUME(Flag) });
  });

  /** `replicates <id>` */
  public replicatesLine = this.RULE('replicatesLine', () => {
    this.CONSUME(Replicates);
    this.CONSUME2(NodeId);
  });

  /** `1 additional replica(s)` */
  public replicasLine = this.RULE('replicasLine', () => {
    this.CONSUME2(Integer);
    this.CONSUME(Additional);
  });

  /** `127.0.0.1:7000 (53a9e623...) -> 0 keys | 5461 slots | 1 slaves.` */
  public summaryLine = this.RULE('summaryLine', () => {
    this.CONSUME2(Endpoint);
    this.CONSUME(ShortId);
    this.CONSUME(Arrow);
    this.AT_LEAST_ONE_SEP({
      SEP: Pipe,
      DEF: () => {
        this.CONSUME3(Integer);
        this.CONSUME(Unit);
      },
    });
  });

  /** `>>> Performing Cluster Check (using node 127.0.0.1:7000)`, `[OK] All 16384 slots covered.` */
  public logLine = this.RULE('logLine', () => {
    this.CONSUME(LogTag);
    this.OPTION(() => this.CONSUME(Rest));
  });
}
