-- A project's reporting currency, the rates the operator set for other currencies, and its default
-- primary goal (docs/api.md, project configuration). A rate is kept as the decimal text it was
-- given: one unit of the currency is worth that many units of the reporting currency.
ALTER TABLE projects ADD COLUMN reporting_currency VARCHAR(3) NOT NULL DEFAULT 'USD';
ALTER TABLE projects ADD COLUMN default_goal_id BIGINT;
CREATE TABLE currency_rates (
    project_id BIGINT      NOT NULL REFERENCES projects (id),
    currency   VARCHAR(3)  NOT NULL,
    rate       VARCHAR(40) NOT NULL,
    PRIMARY KEY (project_id, currency)
);
