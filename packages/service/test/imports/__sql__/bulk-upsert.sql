-- foreignKeysOf enrollments
-- parameters: ["enrollments"]
SELECT conname AS name, pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname;

-- dropConstraints
ALTER TABLE enrollments DROP CONSTRAINT "enrollments_offer_id_fkey", DROP CONSTRAINT "enrollments_person_id_fkey";

-- addConstraintsNotValid
ALTER TABLE enrollments ADD CONSTRAINT "enrollments_offer_id_fkey" FOREIGN KEY (offer_id) REFERENCES offers(offer_id) NOT VALID, ADD CONSTRAINT "enrollments_person_id_fkey" FOREIGN KEY (person_id) REFERENCES persons(person_id) NOT VALID;

-- validateConstraint enrollments_offer_id_fkey
ALTER TABLE enrollments VALIDATE CONSTRAINT "enrollments_offer_id_fkey";

-- validateConstraint enrollments_person_id_fkey
ALTER TABLE enrollments VALIDATE CONSTRAINT "enrollments_person_id_fkey";

-- plainIndexesOf enrollments
-- parameters: ["enrollments",false]
SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = $1::regclass AND ($2 OR NOT i.indisunique) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY c.relname;

-- plainIndexesOf benefit_periods, unique ones too
-- parameters: ["benefit_periods",true]
SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = $1::regclass AND ($2 OR NOT i.indisunique) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY c.relname;

-- dropIndexes
DROP INDEX "enrollments_offer_idx";

-- createIndex
CREATE INDEX enrollments_offer_idx ON public.enrollments USING btree (offer_id);

-- lockForLoad
LOCK TABLE enrollments IN SHARE ROW EXCLUSIVE MODE;

-- tableIsEmpty
SELECT NOT EXISTS (SELECT 1 FROM enrollments) AS empty;

-- upsertStaged benefit_periods into an empty table
INSERT INTO benefit_periods AS t (period_id, person_id, benefit_type, start_date, end_date)
SELECT DISTINCT ON (person_id COLLATE "C", benefit_type COLLATE "C", start_date) period_id, person_id, benefit_type, start_date, end_date
FROM evg_stage_6
WHERE period_id IS NULL
ORDER BY person_id COLLATE "C", benefit_type COLLATE "C", start_date, line DESC;

-- upsertStaged enrollments into an empty table
INSERT INTO enrollments AS t (enrollment_id, person_id, offer_id, target_group, start_date, end_date, company_oriented, end_reason)
SELECT DISTINCT ON (enrollment_id COLLATE "C") enrollment_id, person_id, offer_id, target_group, start_date, end_date, company_oriented, end_reason
FROM evg_stage_7
ORDER BY enrollment_id COLLATE "C", line DESC;

-- dropConstraints (a name needing quotes)
ALTER TABLE enrollments DROP CONSTRAINT "odd""name";
