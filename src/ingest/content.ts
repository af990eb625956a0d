// What a file holds, decided by its first bytes and never by its name.
import { countBadBytes } from '../util/utf8.ts';

export { countBadBytes };

/** How many leading bytes decide. */
export const HEAD_BYTES = 1024;

export type ContentVerdict =
  | { kind: 'text' }
  | { kind: 'empty' }
  | { kind: 'gzip' }
  /** Not a usable input: `why` is a short phrase for the diagnostic. */
  | { kind: 'binary'; why: string }
  /** A text document that is not a log (HTML report, JSON output): skipped inside directories. */
  | { kind: 'document'; why: string }
  /** One JSON document whose records are log lines: a log store's export (Elasticsearch, CloudWatch, …). */
  | { kind: 'export' };

const MAGIC: Array<{ bytes: number[]; why: string }> = [
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], why: 'xz-compressed data (decompress it first)' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], why: 'zstd-compressed data (decompress it first)' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], why: 'a zip archive (extract it first)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], why: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], why: 'a JPEG image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], why: 'a PDF document' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], why: 'an executable (ELF)' },
];

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function startsWith(head: Buffer, bytes: number[]): boolean {
  if (head.length < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[i] !== bytes[i]) return false;
  return true;
}

/**
 * Decide from the first bytes (already decompressed when the file is gzip). Binary: a NUL byte, a
 * known binary magic, or more than 30% of bytes that cannot be UTF-8 text.
 */
export function judgeContent(head: Buffer): ContentVerdict {
  if (head.length === 0) return { kind: 'empty' };
  if (isGzip(head)) return { kind: 'gzip' };
  for (const m of MAGIC) if (startsWith(head, m.bytes)) return { kind: 'binary', why: m.why };
  const sample = head.length > HEAD_BYTES ? head.subarray(0, HEAD_BYTES) : head;
  const { bad, nul } = countBadBytes(sample);
  if (nul) return { kind: 'binary', why: 'binary data (NUL bytes)' };
  if (bad > sample.length * 0.3) return { kind: 'binary', why: 'binary data (not UTF-8 text)' };
  // Skip a BOM and leading white space, then look at the first character.
  let i = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
  while (i < sample.length && (sample[i] === 32 || sample[i] === 9 || sample[i] === 10 || sample[i] === 13)) i++;
  const rest = sample.subarray(i, i + 64).toString('latin1');
  if (/^<(!doctype html|html[\s>]|\?xml)/i.test(rest)) return { kind: 'document', why: 'an HTML/XML document' };
  if (sample[i] === 123 || sample[i] === 91) {
    const text = sample.subarray(i).toString('utf8');
    // One JSON log record a line (docker json-file, Loki jsonl, Elasticsearch `_source` NDJSON, …).
    if (isRecordLine(text)) return { kind: 'text' };
    if (isExportDocumentHead(text)) return { kind: 'export' };
    if (/^\{\s*("|\}|$)/.test(rest) || /^\[\s*(\{|"|\]|\[|$)/.test(rest)) return { kind: 'document', why: 'a JSON document' };
  }
  return { kind: 'text' };
}

/** Keys a log record's message goes by in the exports parse/records.ts reads. */
const MESSAGE_KEY = /^"(log|line|message|@message|msg|textPayload|_source|jsonPayload)"$/;
/** Keys a record line may open with when it is too long for the head to hold whole. */
const OPENING_KEY = /^\{"(log|labels|line|@timestamp|_source|_index|timestamp|time|message|logStreamName|insertId)":/;

/**
 * The first line is one whole JSON object with a message key at its top level, or a long line
 * opening like one. A pretty-printed report (`{` alone on its line) or a JSON array is not.
 */
function isRecordLine(text: string): boolean {
  if (text.charCodeAt(0) !== 123) return false;
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).trimEnd();
  if (nl < 0 || first.length >= HEAD_BYTES - 1) return OPENING_KEY.test(first);
  let rec: unknown;
  try {
    rec = JSON.parse(first);
  } catch {
    return false;
  }
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return false;
  return Object.keys(rec).some((k) => MESSAGE_KEY.test(JSON.stringify(k)));
}

/**
 * The head of a whole-document export: Elasticsearch / OpenSearch `_search` (`took`, `hits.hits`),
 * CloudWatch FilterLogEvents (`events[].logStreamName`), Datadog logs search (`data[].type: "log"`),
 * Cloud Logging and Grafana arrays (`[{"insertId"…`, `[{"line"…`). A JSON report is none of these.
 */
export function isExportDocumentHead(head: string): boolean {
  return (
    /^\{\s*"took"\s*:/.test(head) ||
    /^\{[\s\S]*"hits"\s*:\s*\{[\s\S]*"hits"\s*:\s*\[/.test(head) ||
    /^\{\s*"events"\s*:\s*\[\s*(\]|\{[^{}]*"(logStreamName|ingestionTime|eventId)")/.test(head) ||
    /^\{\s*"data"\s*:\s*\[\s*(\]|\{[\s\S]*"type"\s*:\s*"log")/.test(head) ||
    /^\[\s*\{[\s\S]{0,600}"(line|insertId|logName|textPayload|receiveTimestamp|_source|logStreamName)"\s*:/.test(head)
  );
}
