import { z } from 'zod';
import { problemBody } from '../problem.ts';

export const problemSchema = z
  .object({
    type: z.string().describe('Stable URI of the kind of problem; clients branch on it.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['query', 'body', 'path', 'header']),
          name: z.string(),
          message: z.string(),
        }),
      )
      .optional()
      .describe('Every invalid field, for validation problems.'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details (served as application/problem+json).',
    examples: [
      problemBody('validation', 'The request has 1 invalid field.', [
        { in: 'query', name: 'limit', message: 'Too big: expected number to be <=100' },
      ]),
    ],
  });

/** The error responses every route may give, merged into each route's `response`. */
export const commonProblems = {
  400: problemSchema.describe('Invalid request (see errors).'),
  429: problemSchema.describe('Too many requests.'),
  500: problemSchema.describe('Internal error (details are logged, never sent).'),
};
