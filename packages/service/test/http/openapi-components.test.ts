import { describe, expect, it } from 'vitest';
import { oneSchemaPerConcept } from '../../src/http/openapi-components.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: string) => ({ requestBody: { content: { 'application/json': { schema: ref(name) } } } });
const answer = (name: string) => ({
  responses: { 200: { description: 'ok', content: { 'application/json': { schema: ref(name) } } } },
});

describe('oneSchemaPerConcept', () => {
  it('keeps one schema per concept and points every reference at it', () => {
    const result = oneSchemaPerConcept({
      paths: { '/a': { put: { ...body('AInput'), ...answer('A') }, get: answer('B') } },
      components: {
        securitySchemes: { apiKey: { type: 'http' } },
        schemas: {
          A: { type: 'object', properties: { c: ref('C') } },
          AInput: { type: 'object', properties: { c: ref('CInput') } },
          B: { type: 'object' },
          BInput: { type: 'object' },
          C: { type: 'string' },
          CInput: { type: 'string' },
          Unused: { type: 'number' },
        },
      },
    });
    expect(result.components).toEqual({
      securitySchemes: { apiKey: { type: 'http' } },
      schemas: {
        A: { type: 'object', properties: { c: ref('C') } },
        B: { type: 'object' },
        C: { type: 'string' },
      },
    });
    expect(JSON.stringify(result.paths)).not.toMatch(/Input/);
  });

  it('names an input-only schema after its concept', () => {
    const result = oneSchemaPerConcept({
      paths: { '/w': { put: body('WriteInput') } },
      components: { schemas: { Write: { type: 'object', required: ['x'] }, WriteInput: { type: 'object' } } },
    });
    expect(result.components).toEqual({ schemas: { Write: { type: 'object' } } });
    expect(result.paths).toEqual({ '/w': { put: body('Write') } });
  });

  it('refuses a concept whose used input and output sides differ', () => {
    expect(() =>
      oneSchemaPerConcept({
        paths: { '/a': { put: { ...body('AInput'), ...answer('A') } } },
        components: { schemas: { A: { type: 'object', required: ['x'] }, AInput: { type: 'object' } } },
      }),
    ).toThrow(/schema "A" is used both as input and as output/);
  });
});
