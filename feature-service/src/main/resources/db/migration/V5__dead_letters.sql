-- The records sent to a dead-letter topic, by their place in their topic: a poll delivered again (after
-- a crash, a rebalance or a replay of the topics) sends each of them once, and the data-quality count
-- counts each once.
CREATE TABLE dead_letter (
    topic text NOT NULL,
    kafka_partition int NOT NULL,
    record_offset bigint NOT NULL,
    PRIMARY KEY (topic, kafka_partition, record_offset)
);
