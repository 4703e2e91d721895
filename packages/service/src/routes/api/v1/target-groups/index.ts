import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemError } from '../../../../http/problem.ts';
import { codeListEntrySchema } from '../../../../http/schemas/catalog.ts';
import { idParam, periodParams } from '../../../../http/schemas/common.ts';
import { asEffectRow } from '../../../../http/schemas/effect-row.ts';
import { problemResponse } from '../../../../http/schemas/problem.ts';
import { targetGroupProfileSchema } from '../../../../http/schemas/target-group-profile.ts';
import { resolvePeriod } from '../../../../read-model/period-query.ts';
import { figuresMeta } from '../../../../http/figures-meta.ts';

const targetGroups: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['code-lists'],
        summary: 'Target groups (målgrupper)',
        operationId: 'listTargetGroups',
        querystring: z.object({}).strict(),
        response: { 200: z.array(codeListEntrySchema) },
      },
    },
    async (request) => [...request.readModel.snapshot.targetGroups],
  );

  app.get(
    '/:code/profile',
    {
      schema: {
        tags: ['code-lists'],
        summary: 'Context of a target group',
        operationId: 'getTargetGroupProfile',
        description: 'Active now, completed in the period, age split at 30, unemployment-duration bands.',
        params: z.object({ code: idParam }),
        querystring: z.object(periodParams).strict(),
        response: {
          200: targetGroupProfileSchema,
          404: problemResponse('Not found.'),
        },
      },
    },
    async (request) => {
      const model = request.readModel;
      const targetGroup = model.snapshot.targetGroups.find((entry) => entry.code === request.params.code);
      if (!targetGroup)
        throw new ProblemError('not-found', `Målgruppen '${request.params.code}' findes ikke.`);
      const period = resolvePeriod(request.query);
      const row = asEffectRow(await model.targetGroupRow(targetGroup.code, period));
      const { active, started, completed, ageUnder30Share, unemploymentDuration } = row;
      const context = { active, started, completed, ageUnder30Share, unemploymentDuration };
      return {
        targetGroup,
        period: period ?? null,
        ...figuresMeta(model),
        ...context,
        effects: row,
      };
    },
  );
};

export default targetGroups;
