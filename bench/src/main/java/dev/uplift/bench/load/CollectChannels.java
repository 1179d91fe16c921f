package dev.uplift.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Collect traffic of many simulated clients, each on a keep-alive connection of its own,
 * over Netty on two event-loop threads. The generator shares the two cores with the
 * server: Apache's async client spent about 47 µs of CPU per single-event request, wrk
 * about 18 µs (docs/performance.md).
 */
final class CollectChannels implements AutoCloseable {

	// Linux's epoll through Netty's own JNI transport when it loads, else the JDK's
	// selector.
	private static final boolean EPOLL = Epoll.isAvailable();

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
			new DefaultThreadFactory("collect-traffic", true),
			EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());

	private final Bootstrap bootstrap;

	private final String host;

	private final String path;

	CollectChannels(int port, String path) {
		this.host = "127.0.0.1:" + port;
		this.path = path;
		this.bootstrap = new Bootstrap().group(this.group)
			.channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
			.remoteAddress("127.0.0.1", port);
	}

	/** A new simulated client; it connects on its first request. */
	Client client() {
		return new Client();
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/**
	 * One request in flight at a time, on a connection of its own that is replaced when
	 * the server closed it.
	 */
	final class Client {

		private volatile Connection connection;

		/**
		 * Posts the body; {@code status} then receives the HTTP status, or -1 when the
		 * request failed, on an event-loop thread.
		 */
		void send(byte[] json, IntConsumer status) {
			Connection open = this.connection;
			if (open != null && open.reusable()) {
				open.write(json, status);
				return;
			}
			Connection fresh = new Connection();
			CollectChannels.this.bootstrap.clone().handler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline().addLast(new HttpClientCodec(), fresh);
				}

			}).connect().addListener((ChannelFutureListener) (connected) -> {
				if (!connected.isSuccess()) {
					status.accept(-1);
					return;
				}
				this.connection = fresh;
				fresh.write(json, status);
			});
		}

	}

	/** A keep-alive connection; all its state is touched on its event loop only. */
	private final class Connection extends SimpleChannelInboundHandler<HttpObject> {

		private volatile Channel channel;

		private volatile boolean reusable = true;

		private IntConsumer pending;

		private int status;

		boolean reusable() {
			Channel open = this.channel;
			return this.reusable && open != null && open.isActive();
		}

		void write(byte[] json, IntConsumer status) {
			FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
					CollectChannels.this.path, Unpooled.wrappedBuffer(json));
			request.headers()
				.set(HttpHeaderNames.HOST, CollectChannels.this.host)
				.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
			Channel open = this.channel;
			Runnable send = () -> {
				this.pending = status;
				open.writeAndFlush(request).addListener((ChannelFutureListener) (written) -> {
					if (!written.isSuccess()) {
						fail();
					}
				});
			};
			if (open.eventLoop().inEventLoop()) {
				send.run();
			}
			else {
				open.eventLoop().execute(send);
			}
		}

		@Override
		public void handlerAdded(ChannelHandlerContext context) {
			this.channel = context.channel();
		}

		@Override
		protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
			if (message instanceof HttpResponse response) {
				this.status = response.status().code();
				// Tomcat closes a keep-alive connection after 100 requests by default.
				this.reusable = HttpUtil.isKeepAlive(response);
			}
			if (message instanceof LastHttpContent) {
				IntConsumer waiting = this.pending;
				this.pending = null;
				if (!this.reusable) {
					context.close();
				}
				if (waiting != null) {
					waiting.accept(this.status);
				}
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			fail();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			fail();
		}

		private void fail() {
			this.reusable = false;
			this.channel.close();
			IntConsumer waiting = this.pending;
			this.pending = null;
			if (waiting != null) {
				waiting.accept(-1);
			}
		}

	}

}
