-- createStagingTable benefit_types
CREATE TEMP TABLE evg_stage_0 (line integer NOT NULL, code text, public_support boolean, name text) ON COMMIT DROP;

-- copyIntoStagingTable benefit_types
COPY evg_stage_0 (line, code, public_support, name) FROM STDIN;

-- createStagingTable target_groups
CREATE TEMP TABLE evg_stage_1 (line integer NOT NULL, code text, name text) ON COMMIT DROP;

-- copyIntoStagingTable target_groups
COPY evg_stage_1 (line, code, name) FROM STDIN;

-- createStagingTable industries
CREATE TEMP TABLE evg_stage_2 (line integer NOT NULL, code text, name text) ON COMMIT DROP;

-- copyIntoStagingTable industries
COPY evg_stage_2 (line, code, name) FROM STDIN;

-- createStagingTable providers
CREATE TEMP TABLE evg_stage_3 (line integer NOT NULL, provider_id text, name text, kind text, framework_agreement text) ON COMMIT DROP;

-- copyIntoStagingTable providers
COPY evg_stage_3 (line, provider_id, name, kind, framework_agreement) FROM STDIN;

-- createStagingTable offers
CREATE TEMP TABLE evg_stage_4 (line integer NOT NULL, offer_id text, provider_id text, name text, package text, description text, price_dkk integer, hours_per_week integer, duration_weeks integer, accessible boolean, result_bonus_dkk integer, valid_from date, valid_to date) ON COMMIT DROP;

-- copyIntoStagingTable offers
COPY evg_stage_4 (line, offer_id, provider_id, name, package, description, price_dkk, hours_per_week, duration_weeks, accessible, result_bonus_dkk, valid_from, valid_to) FROM STDIN;

-- createStagingTable persons
CREATE TEMP TABLE evg_stage_5 (line integer NOT NULL, person_id text, birth_date date) ON COMMIT DROP;

-- copyIntoStagingTable persons
COPY evg_stage_5 (line, person_id, birth_date) FROM STDIN;

-- createStagingTable benefit_periods
CREATE TEMP TABLE evg_stage_6 (line integer NOT NULL, period_id text, person_id text, benefit_type text, start_date date, end_date date) ON COMMIT DROP;

-- copyIntoStagingTable benefit_periods
COPY evg_stage_6 (line, period_id, person_id, benefit_type, start_date, end_date) FROM STDIN;

-- createStagingTable enrollments
CREATE TEMP TABLE evg_stage_7 (line integer NOT NULL, enrollment_id text, person_id text, offer_id text, target_group text, start_date date, end_date date, company_oriented boolean, end_reason text) ON COMMIT DROP;

-- copyIntoStagingTable enrollments
COPY evg_stage_7 (line, enrollment_id, person_id, offer_id, target_group, start_date, end_date, company_oriented, end_reason) FROM STDIN;

-- createStagingTable survey_responses
CREATE TEMP TABLE evg_stage_8 (line integer NOT NULL, response_id text, enrollment_id text, answered_on date, satisfaction integer, closer_to_job integer) ON COMMIT DROP;

-- copyIntoStagingTable survey_responses
COPY evg_stage_8 (line, response_id, enrollment_id, answered_on, satisfaction, closer_to_job) FROM STDIN;

-- createStagingTable complaints
CREATE TEMP TABLE evg_stage_9 (line integer NOT NULL, complaint_id text, offer_id text, received_on date, category text) ON COMMIT DROP;

-- copyIntoStagingTable complaints
COPY evg_stage_9 (line, complaint_id, offer_id, received_on, category) FROM STDIN;

-- createStagingTable supervisions
CREATE TEMP TABLE evg_stage_10 (line integer NOT NULL, supervision_id text, offer_id text, visited_on date, smiley text, note text) ON COMMIT DROP;

-- copyIntoStagingTable supervisions
COPY evg_stage_10 (line, supervision_id, offer_id, visited_on, smiley, note) FROM STDIN;

-- createStagingTable offer codes
CREATE TEMP TABLE evg_stage_offer_codes (line integer NOT NULL, offer_id text, list text, code text, position integer) ON COMMIT DROP;

-- insertStagedRows offer codes (two rows)
-- parameters: [[2,3],["T1","T1"],["target_groups","industries"],["jobparat","it"],[0,0]]
INSERT INTO evg_stage_offer_codes (line, offer_id, list, code, position)
SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::integer[]);

-- analyzeStagingTable
ANALYZE evg_stage_6;

-- latestStaged benefit_periods start_date
SELECT max(start_date) AS latest FROM evg_stage_6;
