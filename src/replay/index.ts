export { replayCluster, type ReplayOptions } from './machine.ts';
export { transitions, type Transition } from './transitions.ts';
export { LifeIndex } from './derive.ts';
export { SlotMap } from './slot-map.ts';
export type * from './trace.ts';
