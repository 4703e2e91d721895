import { z } from 'zod';
import { invalidFieldsDetail, problemBody } from '../problem.ts';

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
      problemBody('validation', invalidFieldsDetail(1), [
        { in: 'query', name: 'limit', message: 'Too big: expected number to be <=100' },
      ]),
    ],
  });

/** A documented error response, served as application/problem+json. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** The error responses every route may give, merged into each route's `response`. */
export const commonProblems = {
  400: problemResponse('Invalid request; `errors` lists every invalid field.'),
  429: problemResponse('Too many requests; see Retry-After.'),
  500: problemResponse('Internal error (details are logged with the request id, never sent).'),
};

/** The answers of routes that need an API key. */
export const authProblems = {
  401: problemResponse('No API key, or an invalid or revoked one.'),
  403: problemResponse('The API key lacks the required role.'),
};

/** Read endpoints answer 401 only when EVG_READ_REQUIRES_KEY closes them. */
export const readAuthProblems = {
  401: problemResponse('No valid API key while reads require one (EVG_READ_REQUIRES_KEY).'),
};
