import { CstParser } from '../chevrotain.ts';
import { allTokens, Colon, Empty, Hash, Index, Integer, IntegerTag, Key, Nil, QuotedString, Value } from './tokens.ts';

function isDevMode(): boolean {
  return globalThis.process?.env?.FAILSCOPE_DEV === '1';
}

/**
 * One line of CLUSTER INFO (https://redis.io/docs/latest/commands/cluster-info/), of an INFO section
 * (https://redis.io/docs/latest/commands/info/), or of a CONFIG GET reply as redis-cli prints it.
 * Accepts a superset (any `key:value`); src/parse decides what a block of them is.
 */
export class ClusterInfoParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, skipValidations: !isDevMode() });
    this.performSelfAnalysis();
  }

  public line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.field) },
      { ALT: () => this.SUBRULE(this.sectionHeader) },
      { ALT: () => this.SUBRULE(this.arrayItem) },
    ]);
  });

  // `cluster_state:ok`, `master_link_status:down`, `slave0:ip=127.0.0.1,port=7003,…`
  public field = this.RULE('field', () => {
    this.CONSUME(Key);
    this.CONSUME(Colon);
    this.OPTION(() => this.CONSUME(Value));
  });

  // `# Replication`
  public sectionHeader = this.RULE('sectionHeader', () => {
    this.CONSUME(Hash);
    this.CONSUME(Key);
  });

  // ` 1) "cluster-node-timeout"`
  public arrayItem = this.RULE('arrayItem', () => {
    this.CONSUME(Index);
    this.SUBRULE(this.reply);
  });

  public reply = this.RULE('reply', () => {
    this.OR([
      { ALT: () => this.CONSUME(QuotedString) },
      {
        ALT: () => {
          this.CONSUME(IntegerTag);
          this.CONSUME(Integer);
        },
      },
      { ALT: () => this.CONSUME(Nil) },
      { ALT: () => this.CONSUME(Empty) },
    ]);
  });
}
