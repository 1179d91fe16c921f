package dev.uplift.scale;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between Uplift and its database that a test can cut: while cut, it closes
 * every open connection and closes each new one as soon as it is accepted, as a database
 * that went away would.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean open = true;

	TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
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

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

}
