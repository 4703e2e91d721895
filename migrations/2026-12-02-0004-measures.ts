import { sql, type Kysely } from 'kysely';

// Frozen in time: the schema change of 2026-12-02 for measures a municipality defines
// (measures.md §3). The four default measures live in code and are never stored here.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE measures (
      key text PRIMARY KEY CHECK (key ~ '^[A-Za-z][A-Za-z0-9]*$'),
      label_da text NOT NULL CHECK (label_da <> ''),
      label_en text NOT NULL CHECK (label_en <> ''),
      anchor text NOT NULL CHECK (anchor IN ('start', 'end')),
      from_month integer NOT NULL CHECK (from_month >= 0),
      to_month integer NOT NULL CHECK (to_month > from_month),
      min_self_sufficient_months integer NOT NULL
        CHECK (min_self_sufficient_months BETWEEN 1 AND to_month - from_month),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- The measures a data version was computed with: its fine cells carry counters for exactly
    -- these, so readers of that version use them and never the definitions edited since.
    -- NULL (versions from before this migration) = the four defaults.
    ALTER TABLE data_versions ADD COLUMN measures jsonb;

    -- Every outcome measure (defaults and custom ones) of every stored table, one row per cell
    -- and measure: the wide views have fixed columns for the four defaults only. The cells were
    -- stored with disclosure already applied, so this view cannot leak a small cell either.
    CREATE VIEW bi.effect_outcomes AS
      SELECT c.data_version, c.grouping, c.offer_id, c.provider_id, c.package, c.provider_kind,
        c.target_group, c.industry, c.period, o.key AS measure,
        (o.value->>'n')::integer AS n,
        (o.value->>'x')::integer AS x,
        (o.value->>'rate')::float8 AS rate,
        (o.value->>'ciLow')::float8 AS ci_low,
        (o.value->>'ciHigh')::float8 AS ci_high,
        (o.value->>'pending')::integer AS pending,
        (o.value->>'expectedRate')::float8 AS expected_rate,
        (o.value->>'adjustedRate')::float8 AS adjusted_rate,
        (o.value->>'suppressed')::boolean AS suppressed
      FROM public.effect_cells c
      JOIN public.data_versions v ON v.version = c.data_version AND v.status = 'current'
      CROSS JOIN LATERAL jsonb_each(c.cell->'outcomes') o;
    COMMENT ON VIEW bi.effect_outcomes IS
      'Alle effektmål (også kommunens egne, fx 12 mdr. effekt), én række pr. celle og mål; grouping = tabellens navn (effects_by_offer, ...)';
    COMMENT ON COLUMN bi.effect_outcomes.measure IS 'Målets nøgle, fx effect3m eller effect12m';
    GRANT SELECT ON bi.effect_outcomes TO evg_bi;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP VIEW bi.effect_outcomes;
    ALTER TABLE data_versions DROP COLUMN measures;
    DROP TABLE measures;
  `.execute(db);
}
