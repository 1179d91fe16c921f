-- One row at most: the node whose transaction inserts it creates the first organization, project
-- and key. Nodes starting together on an empty PostgreSQL wait on this row instead of each creating
-- an organization.
CREATE TABLE bootstrap_claim (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);
