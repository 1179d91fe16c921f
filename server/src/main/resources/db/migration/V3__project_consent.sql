-- Whether the browser script must wait for the visitor's consent before it stores or sends anything
-- (client-config.md): 0 no, 1 yes.
ALTER TABLE projects ADD COLUMN consent_required INTEGER NOT NULL DEFAULT 0;
