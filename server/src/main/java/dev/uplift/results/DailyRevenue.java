package dev.uplift.results;

import java.time.LocalDate;

/**
 * One variant's revenue on one day, for charts by day.
 *
 * @param day the day of the visitors' first conversion, in the project's time zone
 * @param revenue the revenue to date of the visitors who first converted that day, their
 * orders and the orders left out
 */
public record DailyRevenue(LocalDate day, RevenueTally revenue) {
}
