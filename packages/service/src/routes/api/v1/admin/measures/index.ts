import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemError } from '../../../../../http/problem.ts';
import { measureInputSchema, measureSchema } from '../../../../../http/schemas/measures.ts';
import { authProblems, commonProblems, problemResponse } from '../../../../../http/schemas/problem.ts';
import {
  DEFAULT_DEFINED_MEASURES,
  engineMeasures,
  isDefaultMeasure,
  MeasureDefinitionError,
  parseMeasure,
  type DefinedMeasure,
} from '../../../../../measures/measure-definition.ts';
import {
  deleteCustomMeasure,
  listCustomMeasures,
  saveCustomMeasure,
} from '../../../../../repositories/measures.ts';

const keyParams = z.object({ key: z.string().min(1).max(100) });

const builtInConflict = (key: string, action: string) =>
  new ProblemError(
    'conflict',
    `Målet '${key}' er et af de fire indbyggede mål og kan ikke ${action}; definér i stedet et nyt mål med en anden nøgle.`,
  );

const adminMeasures: FastifyPluginAsyncZod = async (app) => {
  /** Whether the current data version carries the measure exactly as defined now. */
  const inCurrentData = (measure: DefinedMeasure): boolean => {
    const stored = app.readModel.current.measures.find((m) => m.key === measure.key);
    return (
      app.readModel.current.version !== null &&
      stored !== undefined &&
      stored.anchor === measure.anchor &&
      stored.fromMonth === measure.fromMonth &&
      stored.toMonth === measure.toMonth &&
      stored.minSelfSufficientMonths === measure.minSelfSufficientMonths
    );
  };
  const view = (measure: DefinedMeasure) => ({
    key: measure.key,
    label: measure.label,
    labelEn: measure.labelEn,
    anchor: measure.anchor,
    fromMonth: measure.fromMonth,
    toMonth: measure.toMonth,
    minSelfSufficientMonths: measure.minSelfSufficientMonths,
    builtIn: isDefaultMeasure(measure.key),
    inCurrentData: inCurrentData(measure),
  });

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Outcome measures: the four defaults and those the municipality defined',
        operationId: 'listMeasures',
        security: [{ apiKey: [] }],
        response: { 200: z.array(measureSchema), ...authProblems, ...commonProblems },
      },
    },
    async () => [...DEFAULT_DEFINED_MEASURES, ...(await listCustomMeasures(app.db))].map(view),
  );

  app.put(
    '/:key',
    {
      schema: {
        tags: ['admin'],
        summary: 'Define or change a measure (applied by the next refresh)',
        description:
          'The measure is computed by the next refresh (`POST /v1/admin/refresh` or `evg refresh`); until ' +
          'then the figures stay those of the current data version, and `inCurrentData` is false. Keys ' +
          'are letters and digits starting with a letter and cannot be a default measure or a field of ' +
          'the effect table. In effect rows it appears as an object like `effect3m`, in CSV as columns ' +
          '`<key>_n`, `<key>_x`, `<key>_rate`, ...',
        operationId: 'putMeasure',
        security: [{ apiKey: [] }],
        params: keyParams,
        body: measureInputSchema,
        response: {
          200: measureSchema,
          201: measureSchema,
          409: problemResponse('A default measure cannot be changed.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      if (isDefaultMeasure(key)) throw builtInConflict(key, 'ændres');
      let measure: DefinedMeasure;
      try {
        measure = parseMeasure({ key, ...request.body });
        const others = (await listCustomMeasures(app.db)).filter((m) => m.key !== key);
        engineMeasures([...others, measure]);
      } catch (error) {
        if (!(error instanceof MeasureDefinitionError)) throw error;
        throw new ProblemError(
          'validation',
          `Målet '${key}' er ugyldigt i ${error.problems.length === 1 ? '1 felt' : `${error.problems.length} felter`} (se errors).`,
          error.problems.map((p) => ({
            in: p.field === 'key' ? ('path' as const) : ('body' as const),
            name: p.field,
            message: p.message,
          })),
        );
      }
      const created = await saveCustomMeasure(app.db, measure);
      return reply.code(created ? 201 : 200).send(view(measure));
    },
  );

  app.delete(
    '/:key',
    {
      schema: {
        tags: ['admin'],
        summary: 'Delete a measure the municipality defined (gone after the next refresh)',
        operationId: 'deleteMeasure',
        security: [{ apiKey: [] }],
        params: keyParams,
        response: {
          204: z.null(),
          404: problemResponse('Not found.'),
          409: problemResponse('A default measure cannot be deleted.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      if (isDefaultMeasure(key)) throw builtInConflict(key, 'slettes');
      if (!(await deleteCustomMeasure(app.db, key)))
        throw new ProblemError('not-found', `Målet '${key}' findes ikke.`);
      return reply.code(204).send(null);
    },
  );
};

export default adminMeasures;
