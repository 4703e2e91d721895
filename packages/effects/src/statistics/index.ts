export * from './wilson-interval.ts';
export * from './newcombe-difference.ts';
export * from './suppression.ts';
export * from './median.ts';
export * from './case-mix.ts';
