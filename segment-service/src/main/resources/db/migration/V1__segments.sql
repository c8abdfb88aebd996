-- The latest DoctorFeatures record of every doctor; an older or repeated sequence is ignored.
CREATE TABLE doctor_features (
    doctor_id    text PRIMARY KEY,
    sequence     bigint      NOT NULL,
    as_of        timestamptz NOT NULL,
    event_id     uuid        NOT NULL,
    features     jsonb       NOT NULL,
    has_profile       boolean NOT NULL,
    has_orders        boolean NOT NULL,
    has_complaints    boolean NOT NULL,
    has_instructions  boolean NOT NULL
);

-- A model version freezes everything needed to score one doctor (params) and, for clusters, the
-- quality-gate figures it was chosen by. PREVIEW -> ACTIVE -> RETIRED (re-activatable) or DISCARDED.
CREATE TABLE model_version (
    id            text PRIMARY KEY,
    scheme        text        NOT NULL,
    number        int         NOT NULL,
    status        text        NOT NULL,
    created_at    timestamptz NOT NULL,
    activated_at  timestamptz,
    doctors       int         NOT NULL,
    params        jsonb       NOT NULL,
    quality       jsonb,
    UNIQUE (scheme, number)
);
CREATE UNIQUE INDEX one_active_version_per_scheme ON model_version (scheme) WHERE status = 'ACTIVE';

-- What operators set on a segment; it survives retrains that keep the segment id.
CREATE TABLE segment_override (
    scheme      text NOT NULL,
    segment_id  text NOT NULL,
    name        text,
    playbook    text,
    PRIMARY KEY (scheme, segment_id)
);

CREATE TABLE assignment (
    doctor_id      text        NOT NULL,
    scheme         text        NOT NULL,
    segment_id     text        NOT NULL,
    segment_name   text        NOT NULL,
    model_version  text        NOT NULL,
    since          timestamptz NOT NULL,
    margin         double precision NOT NULL,
    drivers        jsonb       NOT NULL,
    PRIMARY KEY (doctor_id, scheme)
);
CREATE INDEX assignment_by_segment ON assignment (scheme, segment_id, doctor_id);

-- Every change, in order; segment_id null when the doctor left every segment of the scheme.
CREATE TABLE assignment_history (
    id             bigserial   PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    doctor_id      text        NOT NULL,
    scheme         text        NOT NULL,
    segment_id     text,
    segment_name   text,
    model_version  text        NOT NULL,
    reason         text        NOT NULL,
    margin         double precision NOT NULL,
    drivers        jsonb       NOT NULL,
    causation_id   uuid        NOT NULL,
    changed_at     timestamptz NOT NULL
);
CREATE INDEX history_by_doctor ON assignment_history (doctor_id, scheme, changed_at);

-- SegmentChanged records waiting for the relay, written in the transaction of their change.
CREATE TABLE segment_outbox (
    id          bigserial   PRIMARY KEY,
    event_id    uuid        NOT NULL,
    doctor_id   text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    payload     text        NOT NULL
);
