export { buildTimeline } from './build.ts';
export { mergeEvents } from './merge.ts';
export { learnAddresses } from './addresses.ts';
