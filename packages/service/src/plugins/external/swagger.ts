import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { oneSchemaPerConcept } from '../../http/openapi-components.ts';
import { withOperationExamples } from '../../http/openapi-examples.ts';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * OpenAPI 3.1 generated from the routes' zod schemas, served at `/openapi.json`, with
 * interactive docs at `/docs`. The same document is committed as `openapi/openapi.json`.
 */
async function swaggerPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'EVG – Elektronisk Visitationsguide',
        version: '1.0.0',
        description:
          'Measured effects of employment offers (beskæftigelsestilbud): search, profiles, comparison, ' +
          'BI effect tables, imports and administration. Every statistic obeys the disclosure rule: ' +
          'cells with fewer than minCellSize enrollments are suppressed (null figures, suppressed: true). ' +
          'Errors are RFC 9457 problem+json.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: '/', description: 'This server' }],
      tags: [
        { name: 'offers', description: 'Search, profiles and comparison of offers' },
        { name: 'providers', description: 'Providers and their measures' },
        { name: 'effects', description: 'Effect tables for BI tools' },
        { name: 'code-lists', description: 'Target groups, industries, packages, benefit types' },
        { name: 'imports', description: 'Record imports and effect refresh (role ingest)' },
        {
          name: 'admin',
          description: 'Administration of offers, providers, code lists and keys (role admin)',
        },
        { name: 'health', description: 'Liveness and readiness' },
      ],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An EVG API key (`evg keys create`).' },
        },
      },
    },
    transform: createJsonSchemaTransform({ skipList: ['/docs', '/docs/*', '/openapi.json'] }),
    // One schema per concept, and an example on every body of every operation (see both files).
    transformObject: (document) =>
      withOperationExamples(oneSchemaPerConcept(jsonSchemaTransformObject(document))),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}

export default fp(swaggerPlugin, { name: 'swagger' });
