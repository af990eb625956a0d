// Global setup: every temporary file of a test run lives under one directory made here and removed
// when the run ends, so a run leaves nothing in the machine's temp directory whatever a test forgets
// to clean (runs used to leave ~600 directories each). The workers inherit TMPDIR, and os.tmpdir()
// reads it at each call. The port locks (ports.ts) stay in the shared temp directory, since they
// guard against other runs on the same machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string | undefined;

export function setup(): void {
  const shared = tmpdir();
  process.env.FAILSCOPE_TEST_SHARED_TMP ??= shared;
  dir = mkdtempSync(join(shared, 'failscope-run-'));
  process.env.TMPDIR = dir;
}

export function teardown(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
