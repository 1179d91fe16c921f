package dev.uplift.tracking;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ordinals stay dense when the insert refuses entries of visitors who had entered before.
 */
class BatchStateTests {

	@Test
	void refusedEntriesLeaveNoGapsInEitherExperiment() {
		BatchState state = new BatchState();
		// Two experiments, interleaved: 10..15 in experiment 1 and 0..3 in experiment 2.
		for (int i = 0; i < 6; i++) {
			state.enter(1, 1, 10, exposure(1, "one-" + i), ZoneOffset.UTC);
			if (i < 4) {
				state.enter(1, 2, 0, exposure(2, "two-" + i), ZoneOffset.UTC);
			}
		}
		List<Object[]> rows = state.assignmentRows();
		int[] inserted = new int[rows.size()];
		List<String> refused = List.of("one-1", "one-5", "two-0", "two-1");
		for (int i = 0; i < inserted.length; i++) {
			inserted[i] = refused.contains((String) rows.get(i)[1]) ? 0 : 1;
		}
		Map<String, Long> ordinals = new TreeMap<>();
		for (int i = 0; i < inserted.length; i++) {
			if (inserted[i] == 1) {
				ordinals.put((String) rows.get(i)[1], (Long) rows.get(i)[3]);
			}
		}
		List<Object[]> moves = state.settleEntries(inserted);
		moves.forEach((move) -> ordinals.put((String) move[2], (Long) move[0]));

		assertThat(moves).hasSize(3);
		assertThat(ordinals).containsOnlyKeys("one-0", "one-2", "one-3", "one-4", "two-2", "two-3");
		assertThat(ordinalsOf(ordinals, "one-")).containsExactlyInAnyOrder(10L, 11L, 12L, 13L);
		assertThat(ordinalsOf(ordinals, "two-")).containsExactlyInAnyOrder(0L, 1L);
		assertThat(state.nextOrdinals()).containsEntry(1L, 14L).containsEntry(2L, 2L);
		long entered = state.entryRollupRows(0).stream().mapToLong((row) -> (Long) row[4]).sum();
		assertThat(entered).isEqualTo(6);
	}

	@Test
	void nothingMovesWhenEveryEntryIsStored() {
		BatchState state = new BatchState();
		state.enter(1, 1, 0, exposure(1, "a"), ZoneOffset.UTC);
		state.enter(1, 1, 0, exposure(1, "b"), ZoneOffset.UTC);
		assertThat(state.settleEntries(new int[] { 1, 1 })).isEmpty();
		assertThat(state.nextOrdinals()).containsEntry(1L, 2L);
	}

	@Test
	void revenueRollupHoldsEachVisitorsTotalSquaredWhenOrdersArriveOutOfOrder() {
		BatchState state = new BatchState();
		JdbcIngestionRepository.GoalTarget target = new JdbcIngestionRepository.GoalTarget(1, 7,
				JdbcIngestionRepository.GoalTarget.NEVER_DEPLOYED);
		long t0 = 1_700_000_000_000L;
		state.enter(1, 1, 0, exposure(1, "a"), ZoneOffset.UTC);
		state.convert(target, purchase("a", t0 + 3 * DAY), ZoneOffset.UTC, 1_000L);
		state.convert(target, purchase("a", t0 + 4 * DAY), ZoneOffset.UTC, 250L);
		state.convert(target, purchase("a", t0 + 4 * DAY), ZoneOffset.UTC, null);
		// An import brings an earlier order: the visitor's whole revenue moves to its
		// day.
		state.convert(target, purchase("a", t0 + DAY), ZoneOffset.UTC, 5L);

		List<Object[]> rows = state.converterRollupRows(3);
		int first = BatchState.day(t0 + DAY, ZoneOffset.UTC);
		int entered = BatchState.day(t0, ZoneOffset.UTC);
		// The cell of the later first conversion nets to nothing and is not written.
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).containsExactly(1L, 7L, 0, entered, first, 3, 1L, 1_255L, 3L, 1_255.0 * 1_255.0, 1L);
		assertThat(state.conversionRows().get(0)).endsWith(4L, 12.55, 3L, 1L);
	}

	@Test
	void ordersAtOrAfterTheDeployAreKeptApartAndStayInTheTotals() {
		BatchState state = new BatchState();
		long t0 = 1_700_000_000_000L;
		long deployedAt = t0 + 2 * DAY;
		JdbcIngestionRepository.GoalTarget target = new JdbcIngestionRepository.GoalTarget(1, 7, deployedAt);
		state.enter(1, 1, 0, exposure(1, "a"), ZoneOffset.UTC);
		state.convert(target, purchase("a", t0 + DAY), ZoneOffset.UTC, 1_000L);
		assertThat(state.ordersAfterDeployRows()).isEmpty();
		state.convert(target, purchase("a", deployedAt), ZoneOffset.UTC, 250L);
		state.convert(target, purchase("a", deployedAt + DAY), ZoneOffset.UTC, null);
		state.convert(target, purchase("a", deployedAt + DAY), ZoneOffset.UTC, 40L);

		assertThat(state.ordersAfterDeployRows()).singleElement()
			.satisfies((row) -> assertThat(row).containsExactly(290L, 2L, 1L, 1L, 7L, "a"));
		assertThat(state.conversionRows().get(0)).endsWith(4L, 12.90, 3L, 1L);
	}

	private static final long DAY = 86_400_000L;

	private static TrackingEvent purchase(String visitorId, long at) {
		return new TrackingEvent(EventKind.EVENT, null, visitorId, at, 0, 0, null, "Purchase",
				new Revenue(BigDecimal.ONE, null), "{}");
	}

	private static List<Long> ordinalsOf(Map<String, Long> ordinals, String prefix) {
		List<Long> values = new ArrayList<>();
		ordinals.forEach((visitor, ordinal) -> {
			if (visitor.startsWith(prefix)) {
				values.add(ordinal);
			}
		});
		return values;
	}

	private static TrackingEvent exposure(long testId, String visitorId) {
		return new TrackingEvent(EventKind.EXPOSURE, null, visitorId, 1_700_000_000_000L, testId, 0,
				VisitorAttributes.NONE, null, null, "{}");
	}

}
