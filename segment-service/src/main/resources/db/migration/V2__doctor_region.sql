-- The one profile field the reports need that is not a feature: each doctor's region, from the
-- doctors topic. The newest updatedAt wins, whatever the arrival order (as in feature-service).
CREATE TABLE doctor_region (
    doctor_id   text PRIMARY KEY,
    region      text,
    updated_at  timestamptz NOT NULL
);
