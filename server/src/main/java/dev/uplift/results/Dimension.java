package dev.uplift.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A visitor attribute kept on the assignment at entry, by which results are filtered and
 * broken down; its column in {@code assignments} and its name as a {@code breakdown_by}.
 */
enum Dimension {

	DEVICE("device", "device"), BROWSER("browser", "browser"), OS("os", "os"), COUNTRY("country", "country"),
	SOURCE("source", "source"), LANDING_PAGE("landing_page", "landing_page"), UTM_SOURCE("utm_source", "utm_source"),
	VISITOR_TYPE("visitor_type", "user_type"), REGION("region", "region"), CITY("city", "city");

	private static final Dimension[] VALUES = values();

	/** The value of a visitor who entered without this attribute. */
	static final String UNKNOWN = "unknown";

	private final String column;

	private final String breakdownName;

	Dimension(String column, String breakdownName) {
		this.column = column;
		this.breakdownName = breakdownName;
	}

	String column() {
		return this.column;
	}

	String breakdownName() {
		return this.breakdownName;
	}

	/**
	 * The attributes of the current row, read from columns named as in
	 * {@code assignments}, by {@link #ordinal()}.
	 */
	static String[] valuesOf(ResultSet row) throws SQLException {
		String[] values = new String[VALUES.length];
		for (Dimension dimension : VALUES) {
			values[dimension.ordinal()] = row.getString(dimension.column);
		}
		return values;
	}

	static Optional<Dimension> byBreakdownName(String name) {
		return Arrays.stream(values()).filter((dimension) -> dimension.breakdownName.equals(name)).findFirst();
	}

}
