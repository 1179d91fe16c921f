-- When an experiment starts and stops by itself (docs/schedules.md): a scheduled start and end,
-- and completion rules, kept apart from the experiment's row so that the rare experiment with a
-- schedule costs the others nothing. started_at is when it first went live, by hand or by its
-- schedule; completed_by says which rule concluded it.
CREATE TABLE experiment_schedules (
    test_id                BIGINT  NOT NULL PRIMARY KEY REFERENCES experiments (id),
    start_at               BIGINT,
    end_at                 BIGINT,
    completion_visitors    BIGINT  NOT NULL DEFAULT 0,
    completion_conversions BIGINT  NOT NULL DEFAULT 0,
    completion_significant INTEGER NOT NULL DEFAULT 0,
    completion_after_days  BIGINT  NOT NULL DEFAULT 0,
    started_at             BIGINT,
    completed_by           VARCHAR(40)
);
