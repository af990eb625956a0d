// `failscope init-expect <paths…> [-o file]`: expectations from a good analysis. See the README, section "CI".
import { runInitExpect, type InitExpectOptions } from '../gate/index.ts';
import type { CommandResult } from './result.ts';
import { analyzePaths } from './gate-analyze.ts';

export type { InitExpectOptions };

/** Prints the expectations (JSON, or YAML with format 'yaml'), or writes them to `output` (YAML for .yaml/.yml). */
export async function initExpectCommand(paths: string[], opts: InitExpectOptions): Promise<CommandResult> {
  return runInitExpect(paths, opts, analyzePaths);
}
