export { BoundedInput, ingestPaths, readStdinHead, displayPath, MAX_DIR_DEPTH, MAX_STDIN_BYTES, type IngestOptions } from './ingest.ts';
export { FileSource, MemorySource, sourceFromText, type SourceInput, type StdinStream } from './source.ts';
export { type LineVisitor, MAX_LINE_BYTES, visitBufferLines, visitReaderLines } from './lines.ts';
export { judgeContent, countBadBytes, type ContentVerdict } from './content.ts';
