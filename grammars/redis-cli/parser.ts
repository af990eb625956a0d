import { CstParser } from '../chevrotain.ts';
import {
  allTokens,
  Bool,
  ClientError,
  CouldNotConnect,
  DoubleTag,
  Empty,
  ErrorTag,
  HostPort,
  Integer,
  IntegerTag,
  LBracket,
  LocatedAt,
  Nil,
  Prompt,
  QuotedString,
  RawError,
  RBracket,
  Redirected,
  Rest,
  ShellPrompt,
  Status,
  Timing,
} from './tokens.ts';

function isDevMode(): boolean {
  return globalThis.process?.env?.FAILSCOPE_DEV === '1';
}

/**
 * One line of a redis-cli session (https://redis.io/docs/latest/develop/tools/cli/), plus `$ shell` lines.
 * Nested array replies (`1) …`) are the cluster-shards grammar's; raw CLUSTER NODES / INFO output belongs
 * to cluster-nodes / cluster-info.
 */
export class RedisCliParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, skipValidations: !isDevMode() });
    this.performSelfAnalysis();
  }

  public line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.promptLine) },
      { ALT: () => this.SUBRULE(this.redirect) },
      { ALT: () => this.SUBRULE(this.errorReply) },
      { ALT: () => this.SUBRULE(this.clientError) },
      { ALT: () => this.SUBRULE(this.integerReply) },
      { ALT: () => this.SUBRULE(this.doubleReply) },
      { ALT: () => this.SUBRULE(this.nilReply) },
      { ALT: () => this.SUBRULE(this.boolReply) },
      { ALT: () => this.SUBRULE(this.emptyReply) },
      { ALT: () => this.SUBRULE(this.stringReply) },
      { ALT: () => this.SUBRULE(this.statusReply) },
      { ALT: () => this.SUBRULE(this.timing) },
      { ALT: () => this.SUBRULE(this.shellCommand) },
    ]);
  });

  // `127.0.0.1:7001> cluster nodes`
  public promptLine = this.RULE('promptLine', () => {
    this.CONSUME(Prompt);
    this.OPTION(() => this.CONSUME(Rest));
  });

  // `-> Redirected to slot [15495] located at 127.0.0.1:7003`
  public redirect = this.RULE('redirect', () => {
    this.CONSUME(Redirected);
    this.CONSUME(LBracket);
    this.CONSUME(Integer);
    this.CONSUME(RBracket);
    this.CONSUME(LocatedAt);
    this.CONSUME(HostPort);
  });

  // `(error) CLUSTERDOWN The cluster is down`, or raw `CLUSTERDOWN The cluster is down`
  public errorReply = this.RULE('errorReply', () => {
    this.OR([{ ALT: () => this.CONSUME(ErrorTag) }, { ALT: () => this.CONSUME(RawError) }]);
    this.OPTION(() => this.CONSUME(Rest));
  });

  // `Error: Connection reset by peer`, `Could not connect to Redis at 127.0.0.1:7002: Connection refused`
  public clientError = this.RULE('clientError', () => {
    this.OR([{ ALT: () => this.CONSUME(ClientError) }, { ALT: () => this.CONSUME(CouldNotConnect) }]);
    this.OPTION(() => this.CONSUME(Rest));
  });

  public integerReply = this.RULE('integerReply', () => {
    this.CONSUME(IntegerTag);
    this.CONSUME(Integer);
  });

  public doubleReply = this.RULE('doubleReply', () => {
    this.CONSUME(DoubleTag);
    this.OPTION(() => this.CONSUME(Rest));
  });

  public nilReply = this.RULE('nilReply', () => {
    this.CONSUME(Nil);
  });

  public boolReply = this.RULE('boolReply', () => {
    this.CONSUME(Bool);
  });

  public emptyReply = this.RULE('emptyReply', () => {
    this.CONSUME(Empty);
  });

  public stringReply = this.RULE('stringReply', () => {
    this.CONSUME(QuotedString);
  });

  public statusReply = this.RULE('statusReply', () => {
    this.CONSUME(Status);
  });

  // `(0.86s)`
  public timing = this.RULE('timing', () => {
    this.CONSUME(Timing);
  });

  // `$ docker exec -it redis-master-1 bash`
  public shellCommand = this.RULE('shellCommand', () => {
    this.CONSUME(ShellPrompt);
    this.OPTION(() => this.CONSUME(Rest));
  });
}
