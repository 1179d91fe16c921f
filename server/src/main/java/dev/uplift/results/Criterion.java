package dev.uplift.results;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code custom_filter} condition tests (digest §3.6), among the criteria whose
 * data Uplift keeps: an attribute of the entry, the visitor's id, or the day of the week
 * or hour of the day of the entry.
 */
enum Criterion {

	LANDING_PAGE(List.of("landing_page"), Dimension.LANDING_PAGE), SOURCE(List.of("source"), Dimension.SOURCE),
	DEVICE(List.of("device"), Dimension.DEVICE), BROWSER(List.of("browser"), Dimension.BROWSER),
	OS(List.of("os"), Dimension.OS), VISITOR_TYPE(List.of("visitor_type"), Dimension.VISITOR_TYPE),
	COUNTRY(List.of("country"), Dimension.COUNTRY), UTM_SOURCE(List.of("utm"), Dimension.UTM_SOURCE),
	VISITOR_ID(List.of("v.visitor_id", "v.uuid"), null), DAY_OF_WEEK(List.of("dayofweek"), null),
	HOUR_OF_DAY(List.of("hourofday"), null);

	private final List<String> names;

	private final Dimension dimension;

	Criterion(List<String> names, Dimension dimension) {
		this.names = names;
		this.dimension = dimension;
	}

	/** The attribute tested, empty for the visitor id and the entry's time. */
	Optional<Dimension> dimension() {
		return Optional.ofNullable(this.dimension);
	}

	/** Whether the condition tests the entry's local day or hour. */
	boolean temporal() {
		return this == DAY_OF_WEEK || this == HOUR_OF_DAY;
	}

	/** The largest day or hour number; only for {@link #temporal()} criteria. */
	int maximum() {
		return (this == DAY_OF_WEEK) ? 6 : 23;
	}

	/** Whether the operator applies: the digest restricts country and visitor ids. */
	boolean allows(Operator operator) {
		if (operator.ordering()) {
			return temporal();
		}
		boolean restricted = this == COUNTRY || this == VISITOR_ID;
		return !restricted || (operator != Operator.EXISTS && operator != Operator.NOT_EXISTS);
	}

	String wireName() {
		return this.names.get(0);
	}

	static Optional<Criterion> byName(String name) {
		return Arrays.stream(values()).filter((criterion) -> criterion.names.contains(name)).findFirst();
	}

}
