-- Revenue in the conversion rollup, so that results with revenue stay as fast and exact as counts.
-- A visitor's revenue is kept in whole cents of the project's reporting currency: conversions.revenue
-- holds cents / 100, and every sum reads ROUND(revenue * 100), so sums are of integers and agree in
-- any order. A cell holds, for the visitors whose first conversion it counts, their revenue to date
-- (cents), their orders, the sum of the squares of their revenue (cents², as a double: exact up to
-- 2^53) and the orders whose currency had no rate to the reporting currency (docs/decisions.md).
UPDATE conversions SET revenue = ROUND(revenue * 100) / 100 WHERE revenue <> 0;
ALTER TABLE conversions ADD COLUMN excluded_orders BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversion_rollup ADD COLUMN revenue_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversion_rollup ADD COLUMN orders BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversion_rollup ADD COLUMN revenue_sq DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE conversion_rollup ADD COLUMN excluded_orders BIGINT NOT NULL DEFAULT 0;
INSERT INTO conversion_rollup (test_id, goal_id, variant, entered_day, converted_day, shard, converters,
                               revenue_cents, orders, revenue_sq, excluded_orders)
SELECT test_id, goal_id, variant, entered_day, converted_day, 0, 0, CAST(SUM(ROUND(revenue * 100)) AS BIGINT),
       SUM(orders), SUM(ROUND(revenue * 100) * ROUND(revenue * 100)), 0
FROM conversions
WHERE orders > 0 OR revenue <> 0
GROUP BY test_id, goal_id, variant, entered_day, converted_day
ON CONFLICT (test_id, goal_id, variant, entered_day, converted_day, shard) DO UPDATE
SET revenue_cents = excluded.revenue_cents, orders = excluded.orders, revenue_sq = excluded.revenue_sq;
