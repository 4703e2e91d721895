import { z } from 'zod';
import { CSV_DIALECTS } from '../../spreadsheet/csv-writer.ts';

export const bonusStatementQuerySchema = z.object({
  period: z
    .string()
    .max(20)
    .describe('The period of the statement: `2026`, `2026H1`, `2026Q3` or a month `2026-03`.'),
  format: z.enum(['json', 'csv']).optional().describe('Default JSON; `csv` for the CSV of `evg bonus`.'),
  csvDialect: z.enum(CSV_DIALECTS).optional().describe('`excel-da` for Danish Excel; implies CSV.'),
});

const line = z.object({
  providerId: z.string(),
  providerName: z.string(),
  offerId: z.string(),
  offerName: z.string(),
  measureKey: z.string().describe('The outcome measure whose success triggers the bonus (default effect3m).'),
  measureLabel: z.string(),
  ruleDefined: z.boolean().describe('False: the offer has no rule of its own and effect3m triggers.'),
  priceDkk: z.number().nullable(),
  bonusPerOutcomeDkk: z.number().describe("The offer's result_bonus_dkk."),
  eligible: z.number().int().describe('Exact: enrollments of the period whose window is complete at asOf.'),
  successful: z.number().int().describe('Exact: successful outcomes, each releasing one bonus.'),
  pending: z.number().int().describe('Exact: enrollments of the period whose window ends after asOf.'),
  bonusPayableDkk: z.number(),
  pricePlusBonusPerOutcomeDkk: z
    .number()
    .nullable()
    .describe(
      '(price × eligible + bonus payable) / successful = price / rate + bonus; null without success or price.',
    ),
});

export const bonusStatementSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    asOf: z.string().describe('The data cut-off of the figures.'),
    final: z.boolean().describe('No pending enrollment: a later cut-off cannot change the statement.'),
    lines: z.array(line),
    providers: z.array(
      z.object({
        providerId: z.string(),
        providerName: z.string(),
        successful: z.number().int(),
        pending: z.number().int(),
        bonusPayableDkk: z.number(),
      }),
    ),
    bonusPayableDkk: z.number(),
  })
  .meta({
    id: 'BonusStatement',
    examples: [
      {
        period: { from: '2026-01-01', to: '2026-06-30' },
        asOf: '2026-10-31',
        final: false,
        lines: [
          {
            providerId: 'PR1',
            providerName: 'Udbyder A',
            offerId: 'OF1',
            offerName: 'Jobklar',
            measureKey: 'effect3m',
            measureLabel: '3 mdr. effekt',
            ruleDefined: false,
            priceDkk: 30000,
            bonusPerOutcomeDkk: 5000,
            eligible: 40,
            successful: 10,
            pending: 3,
            bonusPayableDkk: 50000,
            pricePlusBonusPerOutcomeDkk: 125000,
          },
        ],
        providers: [
          {
            providerId: 'PR1',
            providerName: 'Udbyder A',
            successful: 10,
            pending: 3,
            bonusPayableDkk: 50000,
          },
        ],
        bonusPayableDkk: 50000,
      },
    ],
  });

export const bonusRuleSchema = z
  .object({
    offerId: z.string(),
    offerName: z.string(),
    resultBonusDkk: z.number().nullable().describe("The amount (the offer's result_bonus_dkk)."),
    measureKey: z.string(),
    ruleDefined: z.boolean(),
  })
  .meta({
    id: 'BonusRule',
    examples: [
      {
        offerId: 'OF1',
        offerName: 'Jobklar',
        resultBonusDkk: 5000,
        measureKey: 'effect3m',
        ruleDefined: false,
      },
    ],
  });

export const bonusRuleInputSchema = z
  .object({
    measureKey: z
      .string()
      .min(1)
      .max(100)
      .describe(
        'A default measure (effect3m, effect7m, status1m, status3m) or one the municipality defined.',
      ),
  })
  .meta({ id: 'BonusRuleWrite', examples: [{ measureKey: 'effect3m' }] });
