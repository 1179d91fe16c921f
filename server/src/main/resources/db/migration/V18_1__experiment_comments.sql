-- Discussion: comments on an experiment. Uplift has no user accounts, so the author is the API key
-- that posted the comment (its id and its name at the time); source is Mida's provenance: user,
-- agent or routine.
CREATE TABLE experiment_comments (
    id            ${identity},
    test_id       BIGINT       NOT NULL REFERENCES experiments (id),
    comment       TEXT         NOT NULL,
    source        VARCHAR(16)  NOT NULL,
    author_key_id BIGINT       NOT NULL,
    author_name   VARCHAR(200) NOT NULL,
    created_at    BIGINT       NOT NULL
);
CREATE INDEX experiment_comments_test ON experiment_comments (test_id, id);
