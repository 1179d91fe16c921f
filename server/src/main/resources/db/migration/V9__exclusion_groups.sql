-- Exclusion groups (docs/exclusion-groups.md): mutually exclusive experiments of one project. Members are
-- kept in member order, which decides their slices of [0, 1); the unique index keeps an experiment in at
-- most one group.
CREATE TABLE exclusion_groups (
    id          ${identity},
    project_id  BIGINT        NOT NULL REFERENCES projects (id),
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000),
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);
CREATE INDEX exclusion_groups_project ON exclusion_groups (project_id);

CREATE TABLE exclusion_group_members (
    group_id     BIGINT           NOT NULL REFERENCES exclusion_groups (id),
    member_order INTEGER          NOT NULL,
    test_id      BIGINT           NOT NULL REFERENCES experiments (id),
    percent      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (group_id, member_order)
);
CREATE UNIQUE INDEX exclusion_group_members_test ON exclusion_group_members (test_id);
