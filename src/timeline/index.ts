export { buildTimeline } from './build.ts';
export { mergeEvents } from './merge.ts';
export { learnAddresses } from './addresses.ts';
export { resolveTimeline, type ResolvedCluster, type ResolvedTimeline, type ResolveOptions } from './resolve.ts';
export type { CausalPair, SkewResult } from './clock.ts';
export type { NodeTimeout } from './node-timeout.ts';
