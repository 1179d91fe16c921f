package dev.uplift.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

import dev.uplift.experiment.ExperimentBandits;
import dev.uplift.experiment.Reallocation;
import dev.uplift.experiment.RunningBandit;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.results.ExperimentResult;
import dev.uplift.results.ResultQuery;
import dev.uplift.results.ResultService;
import dev.uplift.results.VariantTally;
import dev.uplift.stats.ArmCounts;
import dev.uplift.stats.ThompsonSampling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Draws the next split of every live multi-armed bandit shortly before the start of the
 * day it takes effect on, on every node (docs/statistics.md#multi-armed-bandits). A split
 * is recorded once per experiment and day whatever the number of nodes
 * ({@link ExperimentBandits}), and every node draws the same one: the draws are seeded by
 * the experiment and the day.
 */
@Component
class BanditRunner {

	private static final Logger logger = LoggerFactory.getLogger(BanditRunner.class);

	private static final String INTERVAL = "${uplift.bandit.interval:60s}";

	private final ExperimentBandits bandits;

	private final ProjectService projects;

	private final ResultService results;

	private final BanditProperties properties;

	private final Clock clock;

	BanditRunner(ExperimentBandits bandits, ProjectService projects, ResultService results, BanditProperties properties,
			Clock clock) {
		this.bandits = bandits;
		this.projects = projects;
		this.results = results;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * One look at {@code now}: draws and records the split of the next day for every
	 * bandit whose next day starts within the lead and has none yet; the re-allocations
	 * this call recorded, by test id.
	 */
	Map<Long, Reallocation> run(long now) {
		Map<Long, Reallocation> recorded = new TreeMap<>();
		for (RunningBandit bandit : this.bandits.running()) {
			reallocate(bandit, now).ifPresent((reallocation) -> recorded.put(bandit.testId(), reallocation));
		}
		return recorded;
	}

	private Optional<Reallocation> reallocate(RunningBandit bandit, long now) {
		Optional<ProjectContext> project = this.projects.findById(bandit.projectId());
		if (project.isEmpty()) {
			return Optional.empty();
		}
		ZoneId zone = project.get().timeZone();
		LocalDate next = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone).plusDays(1);
		long effectiveAt = next.atStartOfDay(zone).toInstant().toEpochMilli();
		if (effectiveAt - now > this.properties.lead().toMillis()
				|| next.toEpochDay() % this.properties.periodDays() != 0
				|| bandit.lastEffectiveDay() >= next.toEpochDay()) {
			return Optional.empty();
		}
		ExperimentResult result = this.results.result(project.get(), bandit.testId(), ResultQuery.ALL);
		if (result.goal().isEmpty() || result.tallies().size() < 2) {
			return Optional.empty();
		}
		List<ArmCounts> arms = result.tallies()
			.stream()
			.map((tally) -> new ArmCounts(tally.visitors(), tally.conversions()))
			.toList();
		int[] weights = ThompsonSampling.allocate(arms, this.properties.draws(), this.properties.exploration(),
				new SplittableRandom(bandit.testId() * 1_000_003L + next.toEpochDay()));
		Reallocation reallocation = new Reallocation(next.toEpochDay(), effectiveAt, now,
				Arrays.stream(weights).boxed().toList(), result.tallies().stream().map(VariantTally::visitors).toList(),
				result.tallies().stream().map(VariantTally::conversions).toList());
		if (!this.bandits.reallocate(bandit.testId(), reallocation)) {
			return Optional.empty();
		}
		logger.info("Bandit {} re-allocated from {}: {}", bandit.testId(), next, reallocation.weights());
		return Optional.of(reallocation);
	}

	@Scheduled(initialDelayString = INTERVAL, fixedDelayString = INTERVAL)
	void runLogged() {
		if (!this.properties.enabled()) {
			return;
		}
		try {
			run(this.clock.millis());
		}
		catch (RuntimeException ex) {
			logger.warn("Bandits: drawing the next splits failed; retrying at the next interval: {}", ex.toString());
		}
	}

}
