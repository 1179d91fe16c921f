-- Uplift schema, shared by SQLite and PostgreSQL.
-- Instants are epoch milliseconds (BIGINT); days are epoch days in the project's reporting time zone.
-- ${identity} and ${without_rowid} are Flyway placeholders set by the storage dialect: they are the
-- only places where the two databases differ.

CREATE TABLE organizations (
    id         ${identity},
    name       VARCHAR(200) NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE TABLE projects (
    id                      ${identity},
    organization_id         BIGINT        NOT NULL REFERENCES organizations (id),
    project_key             VARCHAR(22)   NOT NULL UNIQUE,
    website_name            VARCHAR(200)  NOT NULL,
    widget_name             VARCHAR(200)  NOT NULL,
    allowed_website         VARCHAR(1000) NOT NULL,
    monthly_average_traffic BIGINT        NOT NULL DEFAULT 0,
    time_zone               VARCHAR(64)   NOT NULL DEFAULT 'UTC',
    status                  INTEGER       NOT NULL DEFAULT 1,
    -- bumped by every ingestion transaction: the row lock serialises writers of one project across nodes
    write_seq               BIGINT        NOT NULL DEFAULT 0,
    created_at              BIGINT        NOT NULL,
    updated_at              BIGINT        NOT NULL
);

CREATE TABLE api_keys (
    id              ${identity},
    organization_id BIGINT       NOT NULL REFERENCES organizations (id),
    name            VARCHAR(200) NOT NULL,
    prefix          VARCHAR(8)   NOT NULL,
    key_hash        VARCHAR(64)  NOT NULL UNIQUE,
    created_at      BIGINT       NOT NULL,
    last_used_at    BIGINT,
    revoked_at      BIGINT
);

CREATE TABLE goals (
    id           ${identity},
    project_id   BIGINT        NOT NULL REFERENCES projects (id),
    goal_key     VARCHAR(100)  NOT NULL,
    goal_name    VARCHAR(200)  NOT NULL,
    goal_type    VARCHAR(32)   NOT NULL,
    goal_value   VARCHAR(2000) NOT NULL,
    goal_purpose VARCHAR(16)   NOT NULL DEFAULT 'sell',
    element_url  VARCHAR(2000),
    status       INTEGER       NOT NULL DEFAULT 1,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL
);
CREATE UNIQUE INDEX goals_project_key ON goals (project_id, goal_key) WHERE status <> 2;

CREATE TABLE experiments (
    id                  ${identity},
    project_id          BIGINT           NOT NULL REFERENCES projects (id),
    experiment_key      VARCHAR(100)     NOT NULL,
    test_name           VARCHAR(500)     NOT NULL,
    url                 VARCHAR(2000),
    test_type           VARCHAR(32)      NOT NULL DEFAULT 'abtest',
    status              INTEGER          NOT NULL DEFAULT 9,
    is_completed        INTEGER          NOT NULL DEFAULT 0,
    traffic_allocation  DOUBLE PRECISION NOT NULL DEFAULT 100,
    confidence_interval INTEGER          NOT NULL DEFAULT 95,
    bayesian            INTEGER          NOT NULL DEFAULT 1,
    sequential          INTEGER          NOT NULL DEFAULT 1,
    prior_mean          DOUBLE PRECISION,
    prior_variance      DOUBLE PRECISION,
    custom_js           TEXT,
    custom_css          TEXT,
    page_urls           TEXT,
    targeting           TEXT,
    settings            TEXT,
    share_token         VARCHAR(64),
    next_ordinal        BIGINT           NOT NULL DEFAULT 0,
    created_at          BIGINT           NOT NULL,
    updated_at          BIGINT           NOT NULL,
    ended_at            BIGINT,
    deleted_at          BIGINT
);
CREATE INDEX experiments_project ON experiments (project_id, id);
CREATE UNIQUE INDEX experiments_project_key ON experiments (project_id, experiment_key) WHERE deleted_at IS NULL;

CREATE TABLE variants (
    test_id       BIGINT           NOT NULL REFERENCES experiments (id),
    variant_index INTEGER          NOT NULL,
    name          VARCHAR(100)     NOT NULL,
    nickname      VARCHAR(200),
    weight        DOUBLE PRECISION NOT NULL,
    custom_css    TEXT,
    custom_js     TEXT,
    data          TEXT,
    PRIMARY KEY (test_id, variant_index)
);

CREATE TABLE experiment_goals (
    test_id    BIGINT  NOT NULL REFERENCES experiments (id),
    goal_id    BIGINT  NOT NULL REFERENCES goals (id),
    is_primary INTEGER NOT NULL,
    PRIMARY KEY (test_id, goal_id)
);
CREATE INDEX experiment_goals_goal ON experiment_goals (goal_id);

-- One row per visitor and experiment: the visitor's entry (first exposure), final once written.
CREATE TABLE assignments (
    test_id      BIGINT       NOT NULL,
    visitor_id   VARCHAR(128) NOT NULL,
    project_id   BIGINT       NOT NULL,
    ordinal      BIGINT       NOT NULL,
    variant      INTEGER      NOT NULL,
    entered_at   BIGINT       NOT NULL,
    entered_day  INTEGER      NOT NULL,
    device       VARCHAR(32),
    browser      VARCHAR(32),
    os           VARCHAR(32),
    country      VARCHAR(8),
    source       VARCHAR(32),
    landing_page VARCHAR(2000),
    utm_source   VARCHAR(200),
    visitor_type VARCHAR(16),
    PRIMARY KEY (test_id, visitor_id)
) ${without_rowid};
CREATE INDEX assignments_visitor ON assignments (project_id, visitor_id);
CREATE UNIQUE INDEX assignments_ordinal ON assignments (test_id, ordinal);

-- One row per visitor, experiment and goal: the first conversion at or after entry, and repeats.
CREATE TABLE conversions (
    test_id            BIGINT           NOT NULL,
    goal_id            BIGINT           NOT NULL,
    visitor_id         VARCHAR(128)     NOT NULL,
    variant            INTEGER          NOT NULL,
    entered_day        INTEGER          NOT NULL,
    first_converted_at BIGINT           NOT NULL,
    converted_day      INTEGER          NOT NULL,
    count              BIGINT           NOT NULL,
    revenue            DOUBLE PRECISION NOT NULL DEFAULT 0,
    orders             BIGINT           NOT NULL DEFAULT 0,
    PRIMARY KEY (test_id, goal_id, visitor_id)
) ${without_rowid};

-- Every accepted event, append-only: idempotent retries by event_id and the source to rebuild from.
CREATE TABLE event_log (
    project_id  BIGINT        NOT NULL,
    event_id    VARCHAR(64)   NOT NULL,
    received_at BIGINT        NOT NULL,
    occurred_at BIGINT        NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    body        TEXT          NOT NULL,
    PRIMARY KEY (project_id, event_id)
) ${without_rowid};

CREATE TABLE entry_rollup (
    test_id     BIGINT  NOT NULL,
    variant     INTEGER NOT NULL,
    entered_day INTEGER NOT NULL,
    visitors    BIGINT  NOT NULL,
    PRIMARY KEY (test_id, variant, entered_day)
) ${without_rowid};

CREATE TABLE conversion_rollup (
    test_id       BIGINT  NOT NULL,
    goal_id       BIGINT  NOT NULL,
    variant       INTEGER NOT NULL,
    entered_day   INTEGER NOT NULL,
    converted_day INTEGER NOT NULL,
    converters    BIGINT  NOT NULL,
    PRIMARY KEY (test_id, goal_id, variant, entered_day, converted_day)
) ${without_rowid};
