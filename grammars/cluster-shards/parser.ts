import { CstParser } from '../chevrotain.ts';
import {
  allTokens,
  Bool,
  DoubleTag,
  Empty,
  ErrorTag,
  IntegerTag,
  MapArrow,
  Marker,
  Nil,
  Number_,
  QuotedString,
  Rest,
  Status,
} from './tokens.ts';

function isDevMode(): boolean {
  return globalThis.process?.env?.FAILSCOPE_DEV === '1';
}

/**
 * One line of a nested reply as redis-cli prints it: one or more element markers (a nested aggregate's
 * first element shares its parent's line), an optional RESP3 map key `"key" =>`, and an optional leaf value
 * (absent when the value is an aggregate that starts on the next line).
 * https://redis.io/docs/latest/commands/cluster-shards/ (reply layout), redis-cli's cliFormatReplyTTY.
 */
export class ClusterShardsParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, skipValidations: !isDevMode() });
    this.performSelfAnalysis();
  }

  public line = this.RULE('line', () => {
    this.AT_LEAST_ONE(() => this.SUBRULE(this.element));
  });

  public element = this.RULE('element', () => {
    this.CONSUME(Marker);
    this.OPTION(() => this.SUBRULE(this.mapKey));
    this.OPTION2(() => this.SUBRULE(this.leaf));
  });

  public mapKey = this.RULE('mapKey', () => {
    this.SUBRULE(this.leaf);
    this.CONSUME(MapArrow);
  });

  public leaf = this.RULE('leaf', () => {
    this.OR([
      { ALT: () => this.CONSUME(QuotedString) },
      {
        ALT: () => {
          this.CONSUME(IntegerTag);
          this.CONSUME(Number_);
        },
      },
      {
        ALT: () => {
          this.CONSUME(DoubleTag);
          this.CONSUME2(Number_);
        },
      },
      { ALT: () => this.CONSUME(Nil) },
      { ALT: () => this.CONSUME(Bool) },
      { ALT: () => this.CONSUME(Empty) },
      {
        ALT: () => {
          this.CONSUME(ErrorTag);
          this.OPTION(() => this.CONSUME(Rest));
        },
      },
      { ALT: () => this.CONSUME(Status) },
    ]);
  });
}
