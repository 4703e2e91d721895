import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-io.ts';
import { parseGroupBy } from '../../src/cli/group-by.ts';

describe('parseGroupBy', () => {
  it('accepts snake_case, camelCase and cell field names, keeping order and dropping repeats', () => {
    expect(parseGroupBy('offer,target_group,period')).toEqual(['offer', 'targetGroup', 'period']);
    expect(parseGroupBy('providerKind, industry')).toEqual(['providerKind', 'industry']);
    expect(parseGroupBy('offer_id,provider_id,package,offer')).toEqual(['offer', 'provider', 'package']);
  });

  it('means no grouping when empty', () => {
    expect(parseGroupBy(undefined)).toEqual([]);
    expect(parseGroupBy('')).toEqual([]);
  });

  it('names an unknown key', () => {
    expect(() => parseGroupBy('offer,branche')).toThrow(CliError);
    expect(() => parseGroupBy('offer,branche')).toThrow("unknown key 'branche'");
  });
});
