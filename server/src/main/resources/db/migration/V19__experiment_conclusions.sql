-- How an experiment was concluded (docs/api.md §3): the arm the team chose as its winner and a note on why.
-- One row per concluded experiment, written with the conclusion; experiments concluded before this table
-- existed, or without a body, have none or a row of nulls.
CREATE TABLE experiment_conclusions (
    test_id        BIGINT        NOT NULL PRIMARY KEY REFERENCES experiments (id),
    winner_variant INTEGER,
    note           VARCHAR(2000),
    concluded_at   BIGINT        NOT NULL
);
