package dev.uplift.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code SELECT 1} on a connection of its own every 20 ms, to show the round trip
 * the nodes really get (through the delaying proxy, on a host whose CPUs are busy: the
 * proxy's threads wait for a core like everything else).
 */
final class RoundTripProbe implements AutoCloseable {

	private final Connection connection;

	private final Thread thread;

	private final List<Long> micros = new ArrayList<>();

	private volatile boolean running = true;

	RoundTripProbe(String url, String user, String password) throws SQLException {
		this.connection = DriverManager.getConnection(url, user, password);
		this.thread = new Thread(this::run, "round-trip-probe");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		try (PreparedStatement ping = this.connection.prepareStatement("SELECT 1")) {
			while (this.running) {
				long started = System.nanoTime();
				try (ResultSet rs = ping.executeQuery()) {
					rs.next();
				}
				long took = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
				synchronized (this) {
					this.micros.add(took);
				}
				Thread.sleep(20);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The round-trip probe failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Median round trip in milliseconds so far. */
	synchronized double medianMillis() {
		if (this.micros.isEmpty()) {
			return 0;
		}
		List<Long> sorted = new ArrayList<>(this.micros);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2) / 1000.0;
	}

	@Override
	public void close() throws Exception {
		this.running = false;
		this.thread.join();
		this.connection.close();
	}

}
