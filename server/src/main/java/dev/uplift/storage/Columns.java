package dev.uplift.storage;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Column reads that behave the same on SQLite and PostgreSQL. */
public final class Columns {

	private Columns() {
	}

	/**
	 * A nullable BIGINT column; sqlite-jdbc's {@code getObject(column, Long.class)} fails
	 * on NULL.
	 */
	public static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/** A nullable DOUBLE PRECISION column. */
	public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

}
