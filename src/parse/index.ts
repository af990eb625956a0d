export { parseAll, parseSource } from './parse-source.ts';
