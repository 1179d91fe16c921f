-- Visitor identities: who a visitor is, as the site told the browser script's identify() or an SDK.
-- The e-mail and the user id are kept only as HMAC-SHA256 digests keyed with a random salt of the
-- project (docs/security.md): the Events API finds the visitor of an e-mail by digesting it again.
-- One row per identity: the latest visitor identified with it.
CREATE TABLE identity_salts (
    project_id BIGINT      NOT NULL PRIMARY KEY,
    salt       VARCHAR(64) NOT NULL
);

CREATE TABLE visitor_identities (
    project_id    BIGINT       NOT NULL,
    kind          VARCHAR(8)   NOT NULL,
    identity_hash VARCHAR(64)  NOT NULL,
    visitor_id    VARCHAR(128) NOT NULL,
    identified_at BIGINT       NOT NULL,
    PRIMARY KEY (project_id, kind, identity_hash)
);
CREATE INDEX visitor_identities_visitor ON visitor_identities (project_id, visitor_id);

-- Custom events deleted through the Events API: hidden from its list, kept in the log and the
-- results, as Mida's soft delete keeps historical data (docs/decisions.md).
CREATE TABLE deleted_events (
    project_id BIGINT      NOT NULL,
    event_id   VARCHAR(64) NOT NULL,
    deleted_at BIGINT      NOT NULL,
    PRIMARY KEY (project_id, event_id)
);
