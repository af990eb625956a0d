export { messageLexer } from './lexer.ts';
export {
  allTokens,
  NodeId,
  IpPort,
  DottedNumber,
  Integer,
  Word,
  Punct,
  Other,
  isWordCode,
  isHexCode,
  isDigitCode,
  isHostCode,
} from './tokens.ts';
export {
  compileTemplate,
  globMatches,
  matchTokens,
  SLOT_TYPES,
  type CompiledTemplate,
  type Captures,
  type SlotType,
  type TemplatePart,
} from './template.ts';
export { CATALOG, TYPED, type CatalogEntry } from './catalog.ts';
export { IGNORED } from './ignored.ts';
export { SAMPLES } from './samples.ts';
