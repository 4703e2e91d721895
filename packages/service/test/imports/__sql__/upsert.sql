-- upsertStaged benefit_types
INSERT INTO benefit_types AS t (code, public_support, name)
SELECT DISTINCT ON (code COLLATE "C") code, public_support, name
FROM evg_stage_0
ORDER BY code COLLATE "C", line DESC
ON CONFLICT (code)
DO UPDATE SET public_support = EXCLUDED.public_support, name = EXCLUDED.name
WHERE (t.public_support, t.name)
  IS DISTINCT FROM (EXCLUDED.public_support, EXCLUDED.name);

-- upsertStaged target_groups
INSERT INTO target_groups AS t (code, name)
SELECT DISTINCT ON (code COLLATE "C") code, name
FROM evg_stage_1
ORDER BY code COLLATE "C", line DESC
ON CONFLICT (code)
DO UPDATE SET name = EXCLUDED.name
WHERE (t.name)
  IS DISTINCT FROM (EXCLUDED.name);

-- upsertStaged industries
INSERT INTO industries AS t (code, name)
SELECT DISTINCT ON (code COLLATE "C") code, name
FROM evg_stage_2
ORDER BY code COLLATE "C", line DESC
ON CONFLICT (code)
DO UPDATE SET name = EXCLUDED.name
WHERE (t.name)
  IS DISTINCT FROM (EXCLUDED.name);

-- upsertStaged providers
INSERT INTO providers AS t (provider_id, name, kind, framework_agreement)
SELECT DISTINCT ON (provider_id COLLATE "C") provider_id, name, kind, framework_agreement
FROM evg_stage_3
ORDER BY provider_id COLLATE "C", line DESC
ON CONFLICT (provider_id)
DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, framework_agreement = EXCLUDED.framework_agreement
WHERE (t.name, t.kind, t.framework_agreement)
  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.framework_agreement);

-- createChangedKeys
CREATE TEMP TABLE evg_stage_4_changed (key text) ON COMMIT DROP;

-- upsertStaged offers
WITH changed AS (
INSERT INTO offers AS t (offer_id, provider_id, name, package, description, price_dkk, hours_per_week, duration_weeks, accessible, result_bonus_dkk, valid_from, valid_to)
SELECT DISTINCT ON (offer_id COLLATE "C") offer_id, provider_id, name, package, description, price_dkk, hours_per_week, duration_weeks, accessible, result_bonus_dkk, valid_from, valid_to
FROM evg_stage_4
ORDER BY offer_id COLLATE "C", line DESC
ON CONFLICT (offer_id)
DO UPDATE SET provider_id = EXCLUDED.provider_id, name = EXCLUDED.name, package = EXCLUDED.package, description = EXCLUDED.description, price_dkk = EXCLUDED.price_dkk, hours_per_week = EXCLUDED.hours_per_week, duration_weeks = EXCLUDED.duration_weeks, accessible = EXCLUDED.accessible, result_bonus_dkk = EXCLUDED.result_bonus_dkk, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to
WHERE (t.provider_id, t.name, t.package, t.description, t.price_dkk, t.hours_per_week, t.duration_weeks, t.accessible, t.result_bonus_dkk, t.valid_from, t.valid_to)
  IS DISTINCT FROM (EXCLUDED.provider_id, EXCLUDED.name, EXCLUDED.package, EXCLUDED.description, EXCLUDED.price_dkk, EXCLUDED.hours_per_week, EXCLUDED.duration_weeks, EXCLUDED.accessible, EXCLUDED.result_bonus_dkk, EXCLUDED.valid_from, EXCLUDED.valid_to)
RETURNING offer_id
)
INSERT INTO evg_stage_4_changed (key) SELECT offer_id FROM changed;

-- createDifferingCodeLists target_groups
CREATE TEMP TABLE evg_stage_offer_codes_target_groups_changed ON COMMIT DROP AS
SELECT offer_id FROM (
  SELECT o.offer_id,
    coalesce((SELECT array_agg(target_group ORDER BY position) FROM offer_target_groups x WHERE x.offer_id = o.offer_id), '{}') AS old,
    coalesce((SELECT array_agg(code ORDER BY position) FROM (
SELECT c.offer_id, c.code, c.position
FROM evg_stage_offer_codes c
JOIN (SELECT offer_id, max(line) AS line FROM evg_stage_4 GROUP BY offer_id) l ON l.offer_id = c.offer_id AND l.line = c.line
WHERE c.list = 'target_groups'
    ) i WHERE i.offer_id = o.offer_id), '{}') AS new
  FROM (SELECT DISTINCT offer_id FROM evg_stage_4) o
) d
WHERE old IS DISTINCT FROM new;

-- deleteCodeLists target_groups
DELETE FROM offer_target_groups WHERE offer_id IN (SELECT offer_id FROM evg_stage_offer_codes_target_groups_changed);

-- insertCodeLists target_groups
INSERT INTO offer_target_groups (offer_id, target_group, position)
SELECT DISTINCT ON (offer_id, code) offer_id, code, position
FROM (
SELECT c.offer_id, c.code, c.position
FROM evg_stage_offer_codes c
JOIN (SELECT offer_id, max(line) AS line FROM evg_stage_4 GROUP BY offer_id) l ON l.offer_id = c.offer_id AND l.line = c.line
WHERE c.list = 'target_groups'
) i
WHERE offer_id IN (SELECT offer_id FROM evg_stage_offer_codes_target_groups_changed)
ORDER BY offer_id, code, position;

-- noteChangedOffers target_groups
INSERT INTO evg_stage_4_changed (key) SELECT offer_id FROM evg_stage_offer_codes_target_groups_changed;

-- createDifferingCodeLists industries
CREATE TEMP TABLE evg_stage_offer_codes_industries_changed ON COMMIT DROP AS
SELECT offer_id FROM (
  SELECT o.offer_id,
    coalesce((SELECT array_agg(industry ORDER BY position) FROM offer_industries x WHERE x.offer_id = o.offer_id), '{}') AS old,
    coalesce((SELECT array_agg(code ORDER BY position) FROM (
SELECT c.offer_id, c.code, c.position
FROM evg_stage_offer_codes c
JOIN (SELECT offer_id, max(line) AS line FROM evg_stage_4 GROUP BY offer_id) l ON l.offer_id = c.offer_id AND l.line = c.line
WHERE c.list = 'industries'
    ) i WHERE i.offer_id = o.offer_id), '{}') AS new
  FROM (SELECT DISTINCT offer_id FROM evg_stage_4) o
) d
WHERE old IS DISTINCT FROM new;

-- deleteCodeLists industries
DELETE FROM offer_industries WHERE offer_id IN (SELECT offer_id FROM evg_stage_offer_codes_industries_changed);

-- insertCodeLists industries
INSERT INTO offer_industries (offer_id, industry, position)
SELECT DISTINCT ON (offer_id, code) offer_id, code, position
FROM (
SELECT c.offer_id, c.code, c.position
FROM evg_stage_offer_codes c
JOIN (SELECT offer_id, max(line) AS line FROM evg_stage_4 GROUP BY offer_id) l ON l.offer_id = c.offer_id AND l.line = c.line
WHERE c.list = 'industries'
) i
WHERE offer_id IN (SELECT offer_id FROM evg_stage_offer_codes_industries_changed)
ORDER BY offer_id, code, position;

-- noteChangedOffers industries
INSERT INTO evg_stage_4_changed (key) SELECT offer_id FROM evg_stage_offer_codes_industries_changed;

-- countChangedKeys
SELECT count(DISTINCT key)::integer AS n FROM evg_stage_4_changed;

-- upsertStaged persons
INSERT INTO persons AS t (person_id, birth_date)
SELECT DISTINCT ON (person_id COLLATE "C") person_id, birth_date
FROM evg_stage_5
ORDER BY person_id COLLATE "C", line DESC
ON CONFLICT (person_id)
DO UPDATE SET birth_date = EXCLUDED.birth_date
WHERE (t.birth_date)
  IS DISTINCT FROM (EXCLUDED.birth_date);

-- upsertStaged benefit_periods by period_id
INSERT INTO benefit_periods AS t (period_id, person_id, benefit_type, start_date, end_date)
SELECT DISTINCT ON (period_id COLLATE "C") period_id, person_id, benefit_type, start_date, end_date
FROM evg_stage_6
WHERE period_id IS NOT NULL
ORDER BY period_id COLLATE "C", line DESC
ON CONFLICT (period_id) WHERE period_id IS NOT NULL
DO UPDATE SET person_id = EXCLUDED.person_id, benefit_type = EXCLUDED.benefit_type, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date
WHERE (t.person_id, t.benefit_type, t.start_date, t.end_date)
  IS DISTINCT FROM (EXCLUDED.person_id, EXCLUDED.benefit_type, EXCLUDED.start_date, EXCLUDED.end_date);

-- upsertStaged benefit_periods by the natural key
INSERT INTO benefit_periods AS t (period_id, person_id, benefit_type, start_date, end_date)
SELECT DISTINCT ON (person_id COLLATE "C", benefit_type COLLATE "C", start_date) period_id, person_id, benefit_type, start_date, end_date
FROM evg_stage_6
WHERE period_id IS NULL
ORDER BY person_id COLLATE "C", benefit_type COLLATE "C", start_date, line DESC
ON CONFLICT (person_id, benefit_type, start_date) WHERE period_id IS NULL
DO UPDATE SET period_id = EXCLUDED.period_id, end_date = EXCLUDED.end_date
WHERE (t.period_id, t.end_date)
  IS DISTINCT FROM (EXCLUDED.period_id, EXCLUDED.end_date);

-- upsertStaged enrollments
INSERT INTO enrollments AS t (enrollment_id, person_id, offer_id, target_group, start_date, end_date, company_oriented, end_reason)
SELECT DISTINCT ON (enrollment_id COLLATE "C") enrollment_id, person_id, offer_id, target_group, start_date, end_date, company_oriented, end_reason
FROM evg_stage_7
ORDER BY enrollment_id COLLATE "C", line DESC
ON CONFLICT (enrollment_id)
DO UPDATE SET person_id = EXCLUDED.person_id, offer_id = EXCLUDED.offer_id, target_group = EXCLUDED.target_group, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, company_oriented = EXCLUDED.company_oriented, end_reason = EXCLUDED.end_reason
WHERE (t.person_id, t.offer_id, t.target_group, t.start_date, t.end_date, t.company_oriented, t.end_reason)
  IS DISTINCT FROM (EXCLUDED.person_id, EXCLUDED.offer_id, EXCLUDED.target_group, EXCLUDED.start_date, EXCLUDED.end_date, EXCLUDED.company_oriented, EXCLUDED.end_reason);

-- upsertStaged survey_responses
INSERT INTO survey_responses AS t (response_id, enrollment_id, answered_on, satisfaction, closer_to_job)
SELECT DISTINCT ON (response_id COLLATE "C") response_id, enrollment_id, answered_on, satisfaction, closer_to_job
FROM evg_stage_8
ORDER BY response_id COLLATE "C", line DESC
ON CONFLICT (response_id)
DO UPDATE SET enrollment_id = EXCLUDED.enrollment_id, answered_on = EXCLUDED.answered_on, satisfaction = EXCLUDED.satisfaction, closer_to_job = EXCLUDED.closer_to_job
WHERE (t.enrollment_id, t.answered_on, t.satisfaction, t.closer_to_job)
  IS DISTINCT FROM (EXCLUDED.enrollment_id, EXCLUDED.answered_on, EXCLUDED.satisfaction, EXCLUDED.closer_to_job);

-- upsertStaged complaints
INSERT INTO complaints AS t (complaint_id, offer_id, received_on, category)
SELECT DISTINCT ON (complaint_id COLLATE "C") complaint_id, offer_id, received_on, category
FROM evg_stage_9
ORDER BY complaint_id COLLATE "C", line DESC
ON CONFLICT (complaint_id)
DO UPDATE SET offer_id = EXCLUDED.offer_id, received_on = EXCLUDED.received_on, category = EXCLUDED.category
WHERE (t.offer_id, t.received_on, t.category)
  IS DISTINCT FROM (EXCLUDED.offer_id, EXCLUDED.received_on, EXCLUDED.category);

-- upsertStaged supervisions
INSERT INTO supervisions AS t (supervision_id, offer_id, visited_on, smiley, note)
SELECT DISTINCT ON (supervision_id COLLATE "C") supervision_id, offer_id, visited_on, smiley, note
FROM evg_stage_10
ORDER BY supervision_id COLLATE "C", line DESC
ON CONFLICT (supervision_id)
DO UPDATE SET offer_id = EXCLUDED.offer_id, visited_on = EXCLUDED.visited_on, smiley = EXCLUDED.smiley, note = EXCLUDED.note
WHERE (t.offer_id, t.visited_on, t.smiley, t.note)
  IS DISTINCT FROM (EXCLUDED.offer_id, EXCLUDED.visited_on, EXCLUDED.smiley, EXCLUDED.note);
