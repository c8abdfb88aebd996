-- Every event id applied, so that a redelivered or replayed event changes nothing.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE doctor_profile (
    doctor_id      text PRIMARY KEY,
    region         text,
    category       text,
    rank           text,
    incidence_rate double precision,
    r_rate         double precision,
    satisfaction   double precision,
    experience     double precision,
    purchases      integer,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE doctor_instructions (
    doctor_id                     text PRIMARY KEY,
    includes_special_instructions boolean NOT NULL,
    updated_at                    timestamptz NOT NULL
);

-- One row per order id: a correction (same id, other content) replaces the row and counts a version.
CREATE TABLE doctor_order (
    order_id   text PRIMARY KEY,
    doctor_id  text NOT NULL,
    order_num  text,
    placed_at  timestamptz NOT NULL,
    amount     numeric,
    conditions jsonb NOT NULL,
    -- the conditions as the features read them: bit i = the i-th of A…I is true, bit 9 = J is After
    condition_flags integer NOT NULL,
    event_id   uuid NOT NULL,
    versions   integer NOT NULL DEFAULT 1
);
CREATE INDEX doctor_order_doctor ON doctor_order (doctor_id);

CREATE TABLE doctor_complaint (
    complaint_id   text PRIMARY KEY,
    doctor_id      text NOT NULL,
    complaint_type text NOT NULL,
    qty            integer NOT NULL,
    filed_at       timestamptz NOT NULL,
    event_id       uuid NOT NULL,
    versions       integer NOT NULL DEFAULT 1
);
CREATE INDEX doctor_complaint_doctor ON doctor_complaint (doctor_id);

-- The features last published for each doctor; next_expiry is the first instant at which a window's
-- contents change by the passing of time alone, so the sliding pass visits only those doctors.
CREATE TABLE doctor_features (
    doctor_id        text PRIMARY KEY,
    as_of            timestamptz NOT NULL,
    sequence         bigint NOT NULL,
    -- canonical JSON as published (fixed key order), so a recomputation compares text, not parsed maps
    features         text NOT NULL,
    has_profile      boolean NOT NULL,
    has_orders       boolean NOT NULL,
    has_complaints   boolean NOT NULL,
    has_instructions boolean NOT NULL,
    next_expiry      timestamptz
);
CREATE INDEX doctor_features_next_expiry ON doctor_features (next_expiry) WHERE next_expiry IS NOT NULL;

-- DoctorFeatures records written in the same transaction as the features, relayed to Kafka, then deleted.
CREATE TABLE features_outbox (
    id        bigserial PRIMARY KEY,
    doctor_id text NOT NULL,
    sequence  bigint NOT NULL,
    as_of     timestamptz NOT NULL,
    payload   text NOT NULL
);

-- The newest event time seen: the clock of the event-time mode.
CREATE TABLE event_clock (
    id           integer PRIMARY KEY CHECK (id = 1),
    newest_event timestamptz
);
INSERT INTO event_clock VALUES (1, NULL);

CREATE TABLE quality_counter (
    name  text PRIMARY KEY,
    value bigint NOT NULL
);
