import { CliError, type CliIo } from '../cli-io.ts';
import { openDatabase } from './db-flags.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { bonusRuleView } from '../../measures/bonus-rule-view.ts';
import { deleteBonusRule, listBonusRules, saveBonusRule } from '../../repositories/bonus-rules.ts';
import { knownMeasureKeys } from '../../repositories/measures.ts';
import { listOffers } from '../../repositories/offers-read.ts';

export const summary = "list or set which outcome measure triggers an offer's result bonus";

const HELP = `Usage:
  evg bonus-rules list                 per offer: id, result bonus (kr.), trigger measure,
                                       "rule" (its own) or "default" (effect3m), name
  evg bonus-rules set OFFER MEASURE    the offer's bonus is triggered by MEASURE (a built-in
                                       or a defined one, see evg measures list)
  evg bonus-rules delete OFFER         back to the default trigger (effect3m)

The amount stays the offer's result_bonus_dkk. The same rules as /v1/admin/bonus-rules;
evg bonus and GET /v1/bonus-statement apply them (a measure not yet refreshed: refresh first).
Uses DATABASE_URL, or the embedded database in EVG_DATA_DIR (default ./data).
`;

const ARITY: Record<string, number> = { list: 0, set: 2, delete: 1 };

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [action, ...args] = argv;
  if (action === undefined || action === '--help' || action === 'help') {
    io.stdout.write(HELP);
    return action === undefined ? 2 : 0;
  }
  const arity = ARITY[action];
  if (arity === undefined) throw new CliError(`unknown action '${action}'. See --help.`);
  if (args.length !== arity)
    throw new CliError(
      `evg bonus-rules ${action} takes ${arity || 'no'} argument${arity === 1 ? '' : 's'}. See --help.`,
    );
  const [offerId, measureKey] = args;

  const handle = await openDatabase(io.env);
  try {
    await migrateToLatest(handle.db);
    if (action === 'list') {
      const rules = new Map((await listBonusRules(handle.db)).map((r) => [r.offerId, r.measureKey]));
      for (const offer of await listOffers(handle.db)) {
        const view = bonusRuleView(offer, rules.get(offer.offerId));
        const origin = view.ruleDefined ? 'rule' : 'default';
        io.stdout.write(
          `${view.offerId}\t${view.resultBonusDkk ?? ''}\t${view.measureKey}\t${origin}\t${view.offerName}\n`,
        );
      }
      return 0;
    }
    if (action === 'delete') {
      if (!(await deleteBonusRule(handle.db, offerId!)))
        throw new CliError(`offer '${offerId}' has no bonus rule of its own.`, 1);
      io.stdout.write(`deleted the rule of ${offerId} (now effect3m)\n`);
      return 0;
    }
    if (!(await listOffers(handle.db)).some((offer) => offer.offerId === offerId))
      throw new CliError(`no offer with id '${offerId}'.`, 1);
    const known = await knownMeasureKeys(handle.db);
    if (!known.includes(measureKey!))
      throw new CliError(`no measure '${measureKey}'; use one of ${known.join(', ')}.`);
    const created = await saveBonusRule(handle.db, { offerId: offerId!, measureKey: measureKey! });
    io.stdout.write(`${created ? 'created' : 'replaced'} the rule of ${offerId}: ${measureKey}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
