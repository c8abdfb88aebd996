-- The Kafka record each event was first applied from, so that an event seen again is told apart: the
-- same record again (a redelivery, a replay) or another record carrying it (a file imported twice, a
-- client retrying after its answer was lost), which only the latter makes a duplicate in the data.
-- Rows applied before this migration stay NULL: their events seen again count as neither.
ALTER TABLE processed_event ADD COLUMN record_partition integer, ADD COLUMN record_offset bigint;

-- How many records beyond the first carried a version of this order again.
ALTER TABLE doctor_order ADD COLUMN duplicate_records integer NOT NULL DEFAULT 0;
