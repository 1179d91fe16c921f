package dev.uplift.project;

/**
 * Published inside a transaction that changes what a project's pages are configured with:
 * its experiments, their goals, or its consent setting. Listeners that keep copies act
 * after commit.
 *
 * @param projectId the project changed
 */
public record ProjectChanged(long projectId) {
}
