import { sql, type Kysely } from 'kysely';

// Frozen in time: this file describes the schema of 2026-12-02 and never imports app code.
// The catalogue beside the effect views of schema bi, so a BI tool joins names to the ids and
// codes of bi.effects_by_*. Catalogue only: no person-level table is reachable from here.

interface View {
  name: string;
  comment: string;
  select: string;
  /** Danish comments for BI users, one per column. */
  columns: Record<string, string>;
}

const CODE_LIST = (what: string): Record<string, string> => ({
  code: `Koden for ${what}, som den står i effekttabellerne`,
  name: `Navnet på ${what}`,
});

const VIEWS: View[] = [
  {
    name: 'target_groups',
    comment: 'Målgrupper (kodeliste)',
    select: 'SELECT code, name FROM public.target_groups',
    columns: CODE_LIST('målgruppen'),
  },
  {
    name: 'industries',
    comment: 'Brancher (kodeliste)',
    select: 'SELECT code, name FROM public.industries',
    columns: CODE_LIST('branchen'),
  },
  {
    name: 'packages',
    comment: 'Pakker (kodeliste)',
    select: 'SELECT code, name FROM public.packages',
    columns: CODE_LIST('pakken'),
  },
  {
    name: 'benefit_types',
    comment: 'Ydelsestyper (kodeliste)',
    select: 'SELECT code, name, public_support FROM public.benefit_types',
    columns: {
      ...CODE_LIST('ydelsestypen'),
      public_support: 'Sand, når ydelsen er offentlig forsørgelse (tæller ikke som selvforsørgelse)',
    },
  },
  {
    name: 'providers',
    comment: 'Leverandører af tilbud',
    select: 'SELECT provider_id, name, kind, framework_agreement FROM public.providers',
    columns: {
      provider_id: 'Leverandørens id (provider_id i effekttabellerne)',
      name: 'Leverandørens navn',
      kind: 'Leverandørtype: external (ekstern), internal (kommunalt) eller other_actor (anden aktør)',
      framework_agreement: 'Rammeaftale, hvis der er en',
    },
  },
  {
    name: 'offers',
    comment: 'Tilbud med leverandør, pakke, målgrupper og brancher',
    select: `SELECT o.offer_id, o.name, o.provider_id, p.name AS provider_name, o.package,
        pk.name AS package_name, o.description, o.price_dkk::float8 AS price_dkk,
        o.hours_per_week::float8 AS hours_per_week, o.duration_weeks::float8 AS duration_weeks,
        o.accessible, o.result_bonus_dkk::float8 AS result_bonus_dkk, o.valid_from, o.valid_to,
        ARRAY(SELECT t.target_group FROM public.offer_target_groups t
              WHERE t.offer_id = o.offer_id ORDER BY t.position) AS target_groups,
        ARRAY(SELECT i.industry FROM public.offer_industries i
              WHERE i.offer_id = o.offer_id ORDER BY i.position) AS industries
      FROM public.offers o
      JOIN public.providers p ON p.provider_id = o.provider_id
      LEFT JOIN public.packages pk ON pk.code = o.package`,
    columns: {
      offer_id: 'Tilbuddets id (offer_id i effekttabellerne)',
      name: 'Tilbuddets navn',
      provider_id: 'Leverandørens id (se bi.providers)',
      provider_name: 'Leverandørens navn',
      package: 'Pakkens kode (se bi.packages)',
      package_name: 'Pakkens navn',
      description: 'Beskrivelse af tilbuddet',
      price_dkk: 'Pris for hele forløbet i kroner',
      hours_per_week: 'Timer pr. uge (10–37)',
      duration_weeks: 'Varighed i uger (1–13)',
      accessible: 'Sand, når tilbuddet har handicapvenlig adgang',
      result_bonus_dkk: 'Resultatbonus i kroner pr. vellykket forløb',
      valid_from: 'Første dag tilbuddet gælder',
      valid_to: 'Sidste dag tilbuddet gælder',
      target_groups: 'Målgruppekoder tilbuddet er for, i katalogets rækkefølge (se bi.target_groups)',
      industries: 'Branchekoder tilbuddet retter sig mod (se bi.industries)',
    },
  },
  {
    name: 'offer_target_groups',
    comment: 'Et tilbuds målgrupper, én række pr. tilbud og målgruppe (til joins)',
    select: `SELECT t.offer_id, t.target_group, g.name AS target_group_name, t.position
      FROM public.offer_target_groups t JOIN public.target_groups g ON g.code = t.target_group`,
    columns: {
      offer_id: 'Tilbuddets id',
      target_group: 'Målgruppens kode',
      target_group_name: 'Målgruppens navn',
      position: 'Målgruppens plads i tilbuddets liste (1 først)',
    },
  },
  {
    name: 'offer_industries',
    comment: 'Et tilbuds brancher, én række pr. tilbud og branche (til joins)',
    select: `SELECT i.offer_id, i.industry, b.name AS industry_name, i.position
      FROM public.offer_industries i JOIN public.industries b ON b.code = i.industry`,
    columns: {
      offer_id: 'Tilbuddets id',
      industry: 'Branchens kode',
      industry_name: 'Branchens navn',
      position: 'Branchens plads i tilbuddets liste (1 først)',
    },
  },
];

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const view of VIEWS) {
    await sql.raw(`CREATE VIEW bi.${view.name} AS ${view.select}`).execute(db);
    await sql.raw(`COMMENT ON VIEW bi.${view.name} IS ${literal(view.comment)}`).execute(db);
    for (const [column, comment] of Object.entries(view.columns)) {
      await sql.raw(`COMMENT ON COLUMN bi.${view.name}.${column} IS ${literal(comment)}`).execute(db);
    }
    await sql.raw(`GRANT SELECT ON bi.${view.name} TO evg_bi`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const view of [...VIEWS].reverse()) await sql.raw(`DROP VIEW bi.${view.name}`).execute(db);
}
