import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-io.ts';
import { workersFlag } from '../../../src/cli/commands/db-flags.ts';

describe('--workers of import, seed and refresh', () => {
  it('leaves the choice to the refresh when absent', () => {
    expect(workersFlag(undefined)).toBeUndefined();
  });

  it('accepts 1 to 64 worker threads', () => {
    expect(workersFlag('1')).toBe(1);
    expect(workersFlag('64')).toBe(64);
  });

  it('refuses anything else, naming the flag', () => {
    for (const value of ['0', '65', 'x', '2.5']) {
      expect(() => workersFlag(value)).toThrow(CliError);
      expect(() => workersFlag(value)).toThrow('--workers');
    }
  });
});
