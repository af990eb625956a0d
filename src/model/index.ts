export * from './diagnostic.ts';
export * from './events.ts';
export * from './ids.ts';
export * from './slots.ts';
export * from './snapshot.ts';
export * from './parsed.ts';
export * from './timeline.ts';
export * from './analysis.ts';
