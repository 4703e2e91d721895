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
-- parameters: ["enrollments"]
SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = $1::regclass AND NOT i.indisunique AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY c.relname;

-- dropIndexes
DROP INDEX "enrollments_offer_idx";

-- createIndex
CREATE INDEX enrollments_offer_idx ON public.enrollments USING btree (offer_id);

-- dropConstraints (a name needing quotes)
ALTER TABLE enrollments DROP CONSTRAINT "odd""name";
