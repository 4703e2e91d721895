import { ProblemError } from './problem.ts';
import { CatalogWriteError } from '../repositories/catalog-admin.ts';

/** Runs a catalogue write, turning refused references into problems (400 / 409). */
export async function catalogWrite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CatalogWriteError) {
      throw error.code === 'in-use'
        ? new ProblemError('conflict', error.message)
        : new ProblemError('validation', error.message, [
            { in: 'body', name: 'references', message: 'refers to a code or provider that does not exist' },
          ]);
    }
    throw error;
  }
}
