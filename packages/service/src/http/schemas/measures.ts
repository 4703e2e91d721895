import { z } from 'zod';

/** A measure as the admin API shows it: the definition, where it comes from, and its data. */
export const measureSchema = z
  .object({
    key: z.string().describe('Key of the measure: its field in effect rows and its CSV column prefix.'),
    label: z.string().describe('Danish label.'),
    labelEn: z.string().describe('English label.'),
    anchor: z.enum(['start', 'end']).describe('`start`: start_date; `end`: the day after end_date.'),
    fromMonth: z.number().int().describe('First month after the anchor (0 = the anchor month).'),
    toMonth: z.number().int().describe('Exclusive end month.'),
    minSelfSufficientMonths: z
      .number()
      .int()
      .describe('Success when at least this many months are self-sufficient.'),
    builtIn: z.boolean().describe('One of the four defaults: cannot be changed or deleted.'),
    inCurrentData: z
      .boolean()
      .describe(
        'The current data version carries this measure; a new or changed one shows after the next refresh.',
      ),
  })
  .meta({
    id: 'Measure',
    examples: [
      {
        key: 'effect12m',
        label: '12 mdr. effekt',
        labelEn: '12-month effect',
        anchor: 'start',
        fromMonth: 0,
        toMonth: 12,
        minSelfSufficientMonths: 6,
        builtIn: false,
        inCurrentData: true,
      },
    ],
  });

/**
 * An outcome measure as every reader sees it (`GET /v1/measures`): the measures the current
 * data version carries, so exactly the keys its effect rows have beside the fixed fields.
 */
export const outcomeMeasureSchema = z
  .object({
    key: z.string().describe('Its field in effect rows (an `OutcomeCell`), its sort key and `min=` key.'),
    label: z.string().describe('Danish label, e.g. "12 mdr. effekt".'),
    labelEn: z.string().describe('English label.'),
    anchor: z.enum(['start', 'end']).describe('`start`: start_date; `end`: the day after end_date.'),
    fromMonth: z.number().int(),
    toMonth: z.number().int().describe('Exclusive end month.'),
    minSelfSufficientMonths: z.number().int(),
    builtIn: z.boolean().describe('One of the four defaults; false for a measure the municipality defined.'),
  })
  .meta({
    id: 'OutcomeMeasure',
    examples: [
      {
        key: 'effect3m',
        label: '3 mdr. effekt',
        labelEn: '3-month effect',
        anchor: 'end',
        fromMonth: 0,
        toMonth: 3,
        minSelfSufficientMonths: 3,
        builtIn: true,
      },
      {
        key: 'effect12m',
        label: '12 mdr. effekt',
        labelEn: '12-month effect',
        anchor: 'start',
        fromMonth: 0,
        toMonth: 12,
        minSelfSufficientMonths: 6,
        builtIn: false,
      },
    ],
  });

/**
 * The body of `PUT /v1/admin/measures/{key}`, checked field by field by the service's measure
 * rules (measures/measure-definition.ts) so every error names the field it is about.
 */
export const measureInputSchema = z
  .object({
    label: z.string(),
    labelEn: z.string(),
    anchor: z.string(),
    fromMonth: z.number(),
    toMonth: z.number(),
    minSelfSufficientMonths: z.number(),
  })
  .strict()
  .meta({
    id: 'MeasureWrite',
    examples: [
      {
        label: '12 mdr. effekt',
        labelEn: '12-month effect',
        anchor: 'start',
        fromMonth: 0,
        toMonth: 12,
        minSelfSufficientMonths: 6,
      },
    ],
  });
