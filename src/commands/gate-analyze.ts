// The analyser the gate's commands use: the real pipeline (inputs → timeline) and verdict stage.
import type { Analyze } from '../gate/index.ts';
import { analyzeTimeline, loadTimeline } from '../pipeline.ts';

export const analyzePaths: Analyze = async (paths, opts) => {
  const timeline = await loadTimeline(paths, { zone: opts.zone, year: opts.year, stdin: opts.stdin, onProgress: opts.onProgress });
  return analyzeTimeline(timeline, { nodeTimeoutMs: opts.nodeTimeoutMs });
};
