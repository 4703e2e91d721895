-- missingReferences offers.provider_id (providers staged too)
SELECT s.line, s.provider_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_4 s
WHERE s.provider_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM providers t WHERE t.provider_id = s.provider_id)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_3 x WHERE x.provider_id = s.provider_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences offers.provider_id (providers stored only)
SELECT s.line, s.provider_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_4 s
WHERE s.provider_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM providers t WHERE t.provider_id = s.provider_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences benefit_periods.person_id (persons staged too)
SELECT s.line, s.person_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_6 s
WHERE s.person_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM persons t WHERE t.person_id = s.person_id)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_5 x WHERE x.person_id = s.person_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences benefit_periods.person_id (persons stored only)
SELECT s.line, s.person_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_6 s
WHERE s.person_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM persons t WHERE t.person_id = s.person_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences benefit_periods.benefit_type (benefit_types staged too)
SELECT s.line, s.benefit_type AS value, count(*) OVER ()::integer AS total
FROM evg_stage_6 s
WHERE s.benefit_type IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM benefit_types t WHERE t.code = s.benefit_type)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_0 x WHERE x.code = s.benefit_type)
ORDER BY s.line
LIMIT 100;

-- missingReferences benefit_periods.benefit_type (benefit_types stored only)
SELECT s.line, s.benefit_type AS value, count(*) OVER ()::integer AS total
FROM evg_stage_6 s
WHERE s.benefit_type IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM benefit_types t WHERE t.code = s.benefit_type)
ORDER BY s.line
LIMIT 100;

-- missingReferences enrollments.person_id (persons staged too)
SELECT s.line, s.person_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_7 s
WHERE s.person_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM persons t WHERE t.person_id = s.person_id)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_5 x WHERE x.person_id = s.person_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences enrollments.person_id (persons stored only)
SELECT s.line, s.person_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_7 s
WHERE s.person_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM persons t WHERE t.person_id = s.person_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences enrollments.offer_id (offers staged too)
SELECT s.line, s.offer_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_7 s
WHERE s.offer_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM offers t WHERE t.offer_id = s.offer_id)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_4 x WHERE x.offer_id = s.offer_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences enrollments.offer_id (offers stored only)
SELECT s.line, s.offer_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_7 s
WHERE s.offer_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM offers t WHERE t.offer_id = s.offer_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences enrollments.target_group (target_groups staged too)
SELECT s.line, s.target_group AS value, count(*) OVER ()::integer AS total
FROM evg_stage_7 s
WHERE s.target_group IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM target_groups t WHERE t.code = s.target_group)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_1 x WHERE x.code = s.target_group)
ORDER BY s.line
LIMIT 100;

-- missingReferences enrollments.target_group (target_groups stored only)
SELECT s.line, s.target_group AS value, count(*) OVER ()::integer AS total
FROM evg_stage_7 s
WHERE s.target_group IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM target_groups t WHERE t.code = s.target_group)
ORDER BY s.line
LIMIT 100;

-- missingReferences survey_responses.enrollment_id (enrollments staged too)
SELECT s.line, s.enrollment_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_8 s
WHERE s.enrollment_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM enrollments t WHERE t.enrollment_id = s.enrollment_id)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_7 x WHERE x.enrollment_id = s.enrollment_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences survey_responses.enrollment_id (enrollments stored only)
SELECT s.line, s.enrollment_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_8 s
WHERE s.enrollment_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM enrollments t WHERE t.enrollment_id = s.enrollment_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences complaints.offer_id (offers staged too)
SELECT s.line, s.offer_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_9 s
WHERE s.offer_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM offers t WHERE t.offer_id = s.offer_id)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_4 x WHERE x.offer_id = s.offer_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences complaints.offer_id (offers stored only)
SELECT s.line, s.offer_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_9 s
WHERE s.offer_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM offers t WHERE t.offer_id = s.offer_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences supervisions.offer_id (offers staged too)
SELECT s.line, s.offer_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_10 s
WHERE s.offer_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM offers t WHERE t.offer_id = s.offer_id)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_4 x WHERE x.offer_id = s.offer_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences supervisions.offer_id (offers stored only)
SELECT s.line, s.offer_id AS value, count(*) OVER ()::integer AS total
FROM evg_stage_10 s
WHERE s.offer_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM offers t WHERE t.offer_id = s.offer_id)
ORDER BY s.line
LIMIT 100;

-- missingReferences offer codes target_groups
SELECT s.line, s.code AS value, count(*) OVER ()::integer AS total
FROM evg_stage_offer_codes s
WHERE s.code IS NOT NULL
  AND s.list = 'target_groups'
  AND NOT EXISTS (SELECT 1 FROM target_groups t WHERE t.code = s.code)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_1 x WHERE x.code = s.code)
ORDER BY s.line
LIMIT 100;

-- missingReferences offer codes industries
SELECT s.line, s.code AS value, count(*) OVER ()::integer AS total
FROM evg_stage_offer_codes s
WHERE s.code IS NOT NULL
  AND s.list = 'industries'
  AND NOT EXISTS (SELECT 1 FROM industries t WHERE t.code = s.code)
  AND NOT EXISTS (SELECT 1 FROM evg_stage_2 x WHERE x.code = s.code)
ORDER BY s.line
LIMIT 100;
