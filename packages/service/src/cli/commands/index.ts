import type { CommandModule } from '../cli-io.ts';

/** Every `evg` sub-command, loaded only when called so `evg effects` never loads Fastify. */
export const commands: Record<string, () => Promise<CommandModule>> = {
  effects: () => import('./effects.ts'),
  synth: () => import('./synth.ts'),
  start: () => import('./start.ts'),
  keys: () => import('./keys.ts'),
  measures: () => import('./measures.ts'),
  bonus: () => import('./bonus.ts'),
  'bonus-rules': () => import('./bonus-rules.ts'),
  'bi-user': () => import('./bi-user.ts'),
  openapi: () => import('./openapi.ts'),
  'bench-effects': () => import('./bench-effects.ts'),
  migrate: () => import('./migrate.ts'),
  import: () => import('./import.ts'),
  refresh: () => import('./refresh.ts'),
  seed: () => import('./seed.ts'),
};
