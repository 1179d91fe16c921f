package dev.uplift.scale;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay between Uplift and its database that a test can cut: while cut, it closes
 * every open connection and closes each new one as soon as it is accepted, as a database
 * that went away would. It can also hold every chunk of bytes for a fixed time in each
 * direction, as a database in another zone would (a round trip then takes twice that
 * longer), without limiting how many bytes are in flight.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final long delayNanos;

	private volatile boolean open = true;

	TcpProxy(String targetHost, int targetPort) throws IOException {
		this(targetHost, targetPort, 0);
	}

	/** A relay that delays each direction by {@code delayMicros}. */
	TcpProxy(String targetHost, int targetPort, long delayMicros) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.delayNanos = TimeUnit.MICROSECONDS.toNanos(delayMicros);
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.listener.getLocalPort();
	}

	/** Drops every connection and refuses new ones until {@link #restore()}. */
	void cut() {
		this.open = false;
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	void restore() {
		this.open = true;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.listener);
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				if (!this.open) {
					closeQuietly(client);
					continue;
				}
				Socket server = new Socket(this.targetHost, this.targetPort);
				// Each chunk goes on at once, as between two hosts' kernels: Nagle's
				// algorithm would hold small writes for the previous one's ACK.
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(server);
				if (!this.open) {
					closeQuietly(client);
					closeQuietly(server);
					continue;
				}
				pump(client, server);
				pump(server, client);
			}
			catch (IOException ex) {
				// The listener was closed, or the database refused: the client sees a
				// closed connection.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		if (this.delayNanos > 0) {
			pumpDelayed(from, to);
			return;
		}
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// One side went away; closing both ends tells the other side.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Reads chunks as they come and writes each once it is {@code delayNanos} old, from a
	 * second thread, so that the delay adds latency and not a pause per chunk.
	 */
	private void pumpDelayed(Socket from, Socket to) {
		BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (InputStream in = from.getInputStream()) {
				byte[] buffer = new byte[16384];
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					chunks.add(new Chunk(System.nanoTime() + this.delayNanos, Arrays.copyOf(buffer, n)));
				}
			}
			catch (IOException ex) {
				// One side went away: the writer closes both after the bytes before.
			}
			chunks.add(new Chunk(System.nanoTime() + this.delayNanos, null));
		}, "tcp-proxy-read");
		Thread writer = new Thread(() -> {
			try (OutputStream out = to.getOutputStream()) {
				for (Chunk chunk = chunks.take(); chunk.bytes() != null; chunk = chunks.take()) {
					for (long wait = chunk.due() - System.nanoTime(); wait > 0; wait = chunk.due()
							- System.nanoTime()) {
						LockSupport.parkNanos(wait);
					}
					out.write(chunk.bytes());
					out.flush();
				}
			}
			catch (IOException ex) {
				// The other side went away.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		}, "tcp-proxy-write");
		reader.setDaemon(true);
		writer.setDaemon(true);
		reader.start();
		writer.start();
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	/**
	 * Bytes to write once due (System.nanoTime()); null bytes for the end of the stream.
	 */
	private record Chunk(long due, byte[] bytes) {
	}

}
