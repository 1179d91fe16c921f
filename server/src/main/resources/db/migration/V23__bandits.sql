-- Multi-armed bandits (docs/statistics.md#multi-armed-bandits): an experiment with a row in
-- experiment_bandits is one (configuration.is_mab); its arms' configured weights are the
-- starting split. Each re-allocation takes effect at the start of a day of the project's zone,
-- effective_day, so that the visitors who entered under each split are whole days of the entry
-- rollups; the primary key lets one node only record the split of a day. weights are basis
-- points per arm, Control first, summing to 10000; visitors and conversions are the primary
-- goal's counts the split was drawn from, all comma-separated.
CREATE TABLE experiment_bandits (
    test_id BIGINT NOT NULL PRIMARY KEY REFERENCES experiments (id)
);

CREATE TABLE bandit_allocations (
    test_id       BIGINT      NOT NULL REFERENCES experiments (id),
    effective_day INTEGER     NOT NULL,
    effective_at  BIGINT      NOT NULL,
    computed_at   BIGINT      NOT NULL,
    weights       VARCHAR(300) NOT NULL,
    visitors      VARCHAR(500) NOT NULL,
    conversions   VARCHAR(500) NOT NULL,
    PRIMARY KEY (test_id, effective_day)
);
