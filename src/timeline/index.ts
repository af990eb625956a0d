export { buildTimeline } from './build.ts';
export { bindIdentities } from './bind.ts';
export { mergeEvents } from './merge.ts';
export { learnAddresses } from './addresses.ts';
