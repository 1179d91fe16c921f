package dev.uplift.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded database's write connections: each holds the {@link WriteGate} from
 * checkout until it is closed, so every writer of this node takes its turn in arrival
 * order: the ingestion writer's transactions, control-plane transactions, single
 * statements such as an API key's last use, and the RESTART checkpoint. SQLite's own wait
 * for its write lock polls with sleeps and, under back-to-back ingestion batches, rarely
 * finds a gap: a control-plane write could wait out its whole busy timeout and fail with
 * SQLITE_BUSY (a 500 the benchmark met on an authenticated result request).
 */
final class GatedDataSource extends DelegatingDataSource {

	private final WriteGate gate;

	GatedDataSource(DataSource writes, WriteGate gate) {
		super(writes);
		this.gate = gate;
	}

	@Override
	public Connection getConnection() throws SQLException {
		this.gate.lock();
		try {
			return gated(obtainTargetDataSource().getConnection());
		}
		catch (SQLException | RuntimeException ex) {
			this.gate.unlock();
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("Write connections of the embedded database take no credentials");
	}

	/**
	 * The connection, releasing the gate when closed (once, on the thread that took it).
	 */
	private Connection gated(Connection connection) {
		AtomicBoolean open = new AtomicBoolean(true);
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "close" -> {
						close(connection, open);
						yield null;
					}
					default -> invoke(connection, method, args);
				});
	}

	private void close(Connection connection, AtomicBoolean open) throws SQLException {
		try {
			connection.close();
		}
		finally {
			if (open.getAndSet(false)) {
				this.gate.unlock();
			}
		}
	}

	private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(connection, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
