-- A stamp of the doctor's facts, new at every recomputation: a cached copy of the facts
-- (DoctorFactsCache) is used only while the stored stamp is the one it was cached with. A sequence
-- never hands a value out twice, even to a transaction that rolled back, so a stamp names one
-- committed state or none.
CREATE SEQUENCE facts_version;
ALTER TABLE doctor_features ADD COLUMN facts_version bigint NOT NULL DEFAULT 0;
