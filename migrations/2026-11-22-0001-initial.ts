import { sql, type Kysely } from 'kysely';

// Frozen in time: this file describes the schema of 2026-11-22 and never imports app code.
// Record tables follow shared/spec/data-contract.md; every contract rule that SQL can state is
// a constraint here, so a bad state cannot be stored even by a buggy importer.

const PACKAGES = [
  ['jobpakke', 'Jobpakke'],
  ['uddannelsespakke', 'Uddannelsespakke'],
  ['motivationspakke', 'Motivationspakke'],
  ['sygedagpengepakke', 'Sygedagpengepakke'],
  ['mentorpakke', 'Mentorpakke'],
  ['aktiv_stoettepakke', 'Aktiv støttepakke'],
] as const;

/** The groupings materialised for BI, each exposed as one read-only view in schema `bi`. */
const BI_VIEWS = [
  'effects_by_offer',
  'effects_by_offer_target_group',
  'effects_by_offer_half_year',
  'effects_by_provider',
  'effects_by_target_group',
  'effects_by_industry',
  'effects_by_package',
] as const;

const OUTCOMES = ['effect3m', 'effect7m', 'status1m', 'status3m'] as const;

function outcomeColumns(key: string): string {
  const o = `cell->'outcomes'->'${key}'`;
  return [
    `(${o}->>'n')::integer AS ${key}_n`,
    `(${o}->>'x')::integer AS ${key}_x`,
    `(${o}->>'rate')::float8 AS ${key}_rate`,
    `(${o}->>'ciLow')::float8 AS ${key}_ci_low`,
    `(${o}->>'ciHigh')::float8 AS ${key}_ci_high`,
    `(${o}->>'pending')::integer AS ${key}_pending`,
    `(${o}->>'adjustedRate')::float8 AS ${key}_adjusted_rate`,
    `(${o}->>'suppressed')::boolean AS ${key}_suppressed`,
  ].join(',\n      ');
}

function shareColumns(key: string, column: string, withMean: boolean): string {
  const o = `cell->'${key}'`;
  const columns = [
    `(${o}->>'n')::integer AS ${column}_n`,
    `(${o}->>'x')::integer AS ${column}_x`,
    `(${o}->>'rate')::float8 AS ${column}_rate`,
    `(${o}->>'ciLow')::float8 AS ${column}_ci_low`,
    `(${o}->>'ciHigh')::float8 AS ${column}_ci_high`,
  ];
  if (withMean) columns.push(`(${o}->>'mean')::float8 AS ${column}_mean`);
  return columns.join(',\n      ');
}

/**
 * A BI view: key columns plus the cell flattened into typed columns. The cells were stored
 * with suppression already applied by the engine, so the view cannot leak a small cell.
 */
function biViewSql(grouping: string): string {
  return `CREATE VIEW bi.${grouping} AS
    SELECT c.data_version, c.offer_id, c.provider_id, c.package, c.provider_kind, c.target_group,
      c.industry, c.period,
      (cell->>'started')::integer AS started,
      (cell->>'completed')::integer AS completed,
      (cell->>'active')::integer AS active,
      ${OUTCOMES.map(outcomeColumns).join(',\n      ')},
      ${shareColumns('companyShare', 'company_share', false)},
      ${shareColumns('satisfiedShare', 'satisfied_share', true)},
      ${shareColumns('closerShare', 'closer_share', true)},
      ${shareColumns('ageUnder30Share', 'age_under_30_share', false)},
      (cell->'unemploymentDuration'->>'median')::float8 AS unemployment_duration_median,
      (cell->>'complaints')::integer AS complaints,
      (cell->>'complaintsPer100')::float8 AS complaints_per_100,
      (cell->>'costPerOutcome')::float8 AS cost_per_outcome
    FROM public.effect_cells c
    JOIN public.data_versions v ON v.version = c.data_version AND v.status = 'current'
    WHERE c.grouping = '${grouping}'`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE benefit_types (
      code text PRIMARY KEY CHECK (code <> ''),
      public_support boolean NOT NULL,
      name text
    );
    CREATE TABLE target_groups (code text PRIMARY KEY CHECK (code <> ''), name text);
    CREATE TABLE industries (code text PRIMARY KEY CHECK (code <> ''), name text);
    CREATE TABLE packages (code text PRIMARY KEY CHECK (code <> ''), name text);

    CREATE TABLE providers (
      provider_id text PRIMARY KEY CHECK (provider_id <> ''),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('external', 'internal', 'other_actor')),
      framework_agreement text
    );

    CREATE TABLE offers (
      offer_id text PRIMARY KEY CHECK (offer_id <> ''),
      provider_id text NOT NULL REFERENCES providers,
      name text NOT NULL,
      package text NOT NULL REFERENCES packages,
      description text,
      price_dkk numeric(14, 2) CHECK (price_dkk >= 0),
      hours_per_week numeric(5, 2) CHECK (hours_per_week BETWEEN 10 AND 37),
      duration_weeks numeric(5, 2) CHECK (duration_weeks BETWEEN 1 AND 13),
      accessible boolean,
      result_bonus_dkk numeric(14, 2) CHECK (result_bonus_dkk >= 0),
      valid_from date,
      valid_to date CHECK (valid_to >= valid_from),
      search tsvector GENERATED ALWAYS AS
        (to_tsvector('danish', name || ' ' || coalesce(description, ''))) STORED
    );
    CREATE INDEX offers_search_idx ON offers USING gin (search);
    CREATE INDEX offers_provider_idx ON offers (provider_id);

    -- position keeps the order of the offer's code list as it was imported.
    CREATE TABLE offer_target_groups (
      offer_id text NOT NULL REFERENCES offers ON DELETE CASCADE,
      target_group text NOT NULL REFERENCES target_groups,
      position integer NOT NULL,
      PRIMARY KEY (offer_id, target_group)
    );
    CREATE INDEX offer_target_groups_code_idx ON offer_target_groups (target_group);
    CREATE TABLE offer_industries (
      offer_id text NOT NULL REFERENCES offers ON DELETE CASCADE,
      industry text NOT NULL REFERENCES industries,
      position integer NOT NULL,
      PRIMARY KEY (offer_id, industry)
    );
    CREATE INDEX offer_industries_code_idx ON offer_industries (industry);

    -- person_id is a pseudonym; raw CPR numbers are refused or replaced before they get here.
    CREATE TABLE persons (
      person_id text PRIMARY KEY CHECK (person_id <> ''),
      birth_date date NOT NULL
    );

    -- The contract's key is period_id when given, else (person_id, benefit_type, start_date).
    CREATE TABLE benefit_periods (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      period_id text CHECK (period_id <> ''),
      person_id text NOT NULL REFERENCES persons,
      benefit_type text NOT NULL REFERENCES benefit_types,
      start_date date NOT NULL,
      end_date date CHECK (end_date >= start_date)
    );
    CREATE UNIQUE INDEX benefit_periods_period_id_key ON benefit_periods (period_id)
      WHERE period_id IS NOT NULL;
    CREATE UNIQUE INDEX benefit_periods_natural_key ON benefit_periods (person_id, benefit_type, start_date)
      WHERE period_id IS NULL;
    CREATE INDEX benefit_periods_person_idx ON benefit_periods (person_id);

    CREATE TABLE enrollments (
      enrollment_id text PRIMARY KEY CHECK (enrollment_id <> ''),
      person_id text NOT NULL REFERENCES persons,
      offer_id text NOT NULL REFERENCES offers,
      target_group text NOT NULL REFERENCES target_groups,
      start_date date NOT NULL,
      end_date date CHECK (end_date >= start_date),
      company_oriented boolean NOT NULL DEFAULT false,
      end_reason text
    );
    CREATE INDEX enrollments_person_idx ON enrollments (person_id);
    CREATE INDEX enrollments_offer_idx ON enrollments (offer_id);

    CREATE TABLE survey_responses (
      response_id text PRIMARY KEY CHECK (response_id <> ''),
      enrollment_id text NOT NULL REFERENCES enrollments,
      answered_on date NOT NULL,
      satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
      closer_to_job smallint CHECK (closer_to_job BETWEEN 1 AND 5)
    );
    CREATE INDEX survey_responses_enrollment_idx ON survey_responses (enrollment_id);

    CREATE TABLE complaints (
      complaint_id text PRIMARY KEY CHECK (complaint_id <> ''),
      offer_id text NOT NULL REFERENCES offers,
      received_on date NOT NULL,
      category text
    );
    CREATE INDEX complaints_offer_idx ON complaints (offer_id);

    CREATE TABLE supervisions (
      supervision_id text PRIMARY KEY CHECK (supervision_id <> ''),
      offer_id text NOT NULL REFERENCES offers,
      visited_on date NOT NULL,
      smiley text NOT NULL CHECK (smiley IN ('happy', 'neutral', 'sad')),
      note text
    );
    CREATE INDEX supervisions_offer_idx ON supervisions (offer_id, visited_on DESC);

    -- One row per import attempt, failed ones included (written outside the import's transaction).
    CREATE TABLE import_batches (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      source text NOT NULL,
      key_id text,
      started_at timestamptz NOT NULL,
      finished_at timestamptz NOT NULL,
      rows_received integer NOT NULL CHECK (rows_received >= 0),
      rows_stored integer NOT NULL CHECK (rows_stored >= 0),
      outcome text NOT NULL CHECK (outcome IN ('ok', 'rejected', 'failed')),
      errors jsonb NOT NULL DEFAULT '[]'::jsonb,
      CHECK (finished_at >= started_at)
    );

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (name <> ''),
      key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
      role text NOT NULL CHECK (role IN ('caseworker', 'bi', 'ingest', 'admin')),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz CHECK (revoked_at >= created_at)
    );

    CREATE SEQUENCE data_version_seq;
    CREATE TABLE data_versions (
      version bigint PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now(),
      as_of date NOT NULL,
      status text NOT NULL CHECK (status IN ('current', 'superseded'))
    );
    -- At most one current version: readers always see exactly one complete set of tables.
    CREATE UNIQUE INDEX data_versions_one_current ON data_versions ((true)) WHERE status = 'current';

    -- The engine's mergeable counters (FineCell), internal: never exposed to readers or BI.
    CREATE TABLE effect_fine_cells (
      data_version bigint NOT NULL REFERENCES data_versions ON DELETE CASCADE,
      offer_id text NOT NULL,
      target_group text NOT NULL,
      month text NOT NULL CHECK (month ~ '^\\d{4}-\\d{2}$'),
      counters jsonb NOT NULL,
      PRIMARY KEY (data_version, offer_id, target_group, month)
    );

    -- Materialised effect tables, one grouping per value of "grouping". Each cell is the
    -- engine's EffectCell with suppression already applied; absent keys are null.
    CREATE TABLE effect_cells (
      data_version bigint NOT NULL REFERENCES data_versions ON DELETE CASCADE,
      grouping text NOT NULL,
      offer_id text,
      provider_id text,
      package text,
      provider_kind text,
      target_group text,
      industry text,
      period text,
      cell jsonb NOT NULL
    );
    CREATE INDEX effect_cells_lookup_idx ON effect_cells (data_version, grouping, offer_id);

    CREATE TABLE refresh_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz CHECK (finished_at >= started_at),
      duration_ms integer CHECK (duration_ms >= 0),
      data_version bigint,
      as_of date,
      persons integer,
      error text,
      CHECK ((status = 'running') = (finished_at IS NULL))
    );
  `.execute(db);

  for (const [code, name] of PACKAGES) {
    await sql`INSERT INTO packages (code, name) VALUES (${code}, ${name})`.execute(db);
  }

  // Roles are cluster-wide and test databases are created in parallel: create it only when
  // missing and tolerate losing the race to another session.
  await sql`
    CREATE SCHEMA bi;
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'evg_bi') THEN
        CREATE ROLE evg_bi NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END
    $$;
  `.execute(db);
  for (const view of BI_VIEWS) {
    await sql.raw(biViewSql(view)).execute(db);
  }
  await sql`
    REVOKE ALL ON SCHEMA bi FROM PUBLIC;
    GRANT USAGE ON SCHEMA bi TO evg_bi;
    GRANT SELECT ON ALL TABLES IN SCHEMA bi TO evg_bi;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The evg_bi role may hold grants in other databases of the cluster, so it is left in place.
  await sql`
    DROP SCHEMA bi CASCADE;
    DROP TABLE refresh_runs, effect_cells, effect_fine_cells, data_versions, api_keys, import_batches,
      supervisions, complaints, survey_responses, enrollments, benefit_periods, persons,
      offer_industries, offer_target_groups, offers, providers, packages, industries, target_groups,
      benefit_types;
    DROP SEQUENCE data_version_seq;
  `.execute(db);
}
