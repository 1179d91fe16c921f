-- Orders placed at or after the instant a winner was first served (experiment_serving.deployed_at), per
-- visitor and goal: the part of conversions.revenue / orders / excluded_orders that pre_deploy leaves out,
-- so that the A/B period's revenue stops at the deploy like its conversions (docs/decisions.md#revenue).
-- Revenue in whole cents of the reporting currency. Orders stored before this column existed count as
-- placed before any deploy.
ALTER TABLE conversions ADD COLUMN revenue_after_deploy_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversions ADD COLUMN orders_after_deploy BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversions ADD COLUMN excluded_orders_after_deploy BIGINT NOT NULL DEFAULT 0;
