export { writeSynthData, type SynthOptions, type SynthCounts } from './write-synth.ts';
export { Prng } from './prng.ts';
