export * from './records.ts';
export * from './effect-cell.ts';
export * from './engine-config.ts';
export * from './schemas/index.ts';
