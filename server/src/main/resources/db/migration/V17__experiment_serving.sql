-- A winner served on the experiment's own row (docs/api.md §3, serve-winner): the arm served and the share of
-- visitors who get it, and when serving first began, which splits results into report phases
-- (docs/decisions.md#serving-a-winner). One row per experiment that ever served a winner; serving_variant,
-- rollout and serving_since are null while none is served, deployed_at stays.
CREATE TABLE experiment_serving (
    test_id         BIGINT           NOT NULL PRIMARY KEY REFERENCES experiments (id),
    serving_variant INTEGER,
    rollout         DOUBLE PRECISION,
    serving_since   BIGINT,
    deployed_at     BIGINT           NOT NULL
);
