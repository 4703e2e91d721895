export { writeSynthData, type SynthOptions, type SynthCounts } from './write-synth.ts';
export { Prng } from './prng.ts';
export { seedDatabase, ensureDemoData, DEMO_AS_OF, DEMO_PERSONS, type SeedOptions } from './seed-database.ts';
