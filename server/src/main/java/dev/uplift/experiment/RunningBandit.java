package dev.uplift.experiment;

/**
 * A live multi-armed bandit that may be re-allocated: live, not concluded, serving no
 * winner, with a primary goal.
 *
 * @param testId the experiment
 * @param projectId its project
 * @param lastEffectiveDay the day its latest re-allocation took or takes effect, or
 * {@link Long#MIN_VALUE} when it has none
 */
public record RunningBandit(long testId, long projectId, long lastEffectiveDay) {
}
