package dev.uplift.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Sends collect batches as a fleet of browsers behind a load balancer would: each batch
 * to a random node that is up, and a batch that was not acknowledged (503, connection
 * refused or reset) again, preferably to another node, until a 202 acknowledges it; safe
 * because every event has an event_id.
 */
final class Collector {

	/**
	 * Status recorded when no HTTP answer came back (connection refused, reset, timeout).
	 */
	static final int NO_ANSWER = -1;

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

	private static final long DELIVERY_DEADLINE_MS = TimeUnit.MINUTES.toMillis(10);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final List<Supplier<String>> nodes;

	private final String path;

	private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

	// One thread per body in flight together: a pool of fixed size could start fewer
	// bodies than a group holds and leave the barrier waiting.
	private final ExecutorService together = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "collector-together");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param nodes the nodes' base URLs, each null while that node is down
	 * @param path the collect path of the project
	 */
	Collector(List<Supplier<String>> nodes, String path) {
		this.nodes = List.copyOf(nodes);
		this.path = path;
	}

	/**
	 * Delivers every body with {@code threads} concurrent clients, each until
	 * acknowledged.
	 * @param acknowledged told the index of each body once it is acknowledged
	 */
	void deliver(List<String> bodies, int threads, IntConsumer acknowledged) {
		onThreads(bodies.size(), threads, (i) -> {
			deliver(bodies.get(i));
			acknowledged.accept(i);
		});
	}

	/**
	 * Delivers groups of bodies with {@code threads} concurrent clients: the bodies of a
	 * group are first sent at the same instant, the i-th to the i-th node (the next node
	 * up when it is down), then each until acknowledged.
	 */
	void deliverTogether(List<List<String>> groups, int threads) {
		onThreads(groups.size(), threads, (i) -> deliverTogether(groups.get(i)));
	}

	/** Runs the task for 0 to count - 1 on {@code threads} threads, and waits. */
	private static void onThreads(int count, int threads, IntConsumer task) {
		AtomicInteger next = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(threads);
		List<Future<?>> running = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			running.add(clients.submit(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					task.accept(i);
				}
			}));
		}
		clients.shutdown();
		try {
			for (Future<?> client : running) {
				client.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static void awaitAll(CyclicBarrier barrier) {
		try {
			barrier.await(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (BrokenBarrierException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void deliverTogether(List<String> group) {
		CyclicBarrier start = new CyclicBarrier(group.size());
		List<CompletableFuture<Void>> deliveries = new ArrayList<>();
		for (int i = 0; i < group.size(); i++) {
			int node = i % this.nodes.size();
			String body = group.get(i);
			deliveries.add(CompletableFuture.runAsync(() -> {
				String first = firstUp(node);
				awaitAll(start);
				deliver(body, first);
			}, this.together));
		}
		CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).join();
	}

	/** Sends one body to one node once: the status, or {@link #NO_ANSWER}. */
	Answer post(String baseUrl, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + this.path))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		Answer answer;
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			answer = new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
					response.body());
		}
		catch (IOException ex) {
			answer = new Answer(NO_ANSWER, null, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.statuses.computeIfAbsent(answer.status(), (status) -> new LongAdder()).increment();
		if (answer.status() != 202 && answer.status() != NO_ANSWER
				&& !(answer.status() == 503 && answer.retryAfter() != null)) {
			this.unexpected.add(answer.status() + " " + answer.body());
		}
		return answer;
	}

	/** How many answers of each status were seen ({@link #NO_ANSWER} for none). */
	Map<Integer, Long> statuses() {
		Map<Integer, Long> counts = new TreeMap<>();
		this.statuses.forEach((status, count) -> counts.put(status, count.sum()));
		return counts;
	}

	/** Answers other than 202, a 503 with Retry-After, or no answer at all. */
	List<String> unexpectedAnswers() {
		return List.copyOf(this.unexpected);
	}

	private void deliver(String body) {
		deliver(body, null);
	}

	/**
	 * Sends the body until acknowledged, first to {@code first} when not null, then to
	 * random nodes.
	 */
	private void deliver(String body, String first) {
		long deadline = System.currentTimeMillis() + DELIVERY_DEADLINE_MS;
		String failed = null;
		String preferred = first;
		while (System.currentTimeMillis() < deadline) {
			String node = (preferred != null) ? preferred : pick(failed);
			preferred = null;
			if (node == null) {
				pause(200);
				continue;
			}
			Answer answer = post(node, body);
			if (answer.status() == 202) {
				return;
			}
			failed = node;
			pause(50);
		}
		throw new IllegalStateException("A batch was not acknowledged within " + DELIVERY_DEADLINE_MS + " ms");
	}

	/** The node at this index if up, else the next one up, or null when none is. */
	private String firstUp(int index) {
		for (int i = 0; i < this.nodes.size(); i++) {
			String url = this.nodes.get((index + i) % this.nodes.size()).get();
			if (url != null) {
				return url;
			}
		}
		return null;
	}

	/** A random node that is up, another than {@code avoid} when there is one. */
	private String pick(String avoid) {
		List<String> up = new ArrayList<>();
		this.nodes.forEach((node) -> {
			String url = node.get();
			if (url != null) {
				up.add(url);
			}
		});
		if (up.size() > 1 && avoid != null) {
			up.remove(avoid);
		}
		return up.isEmpty() ? null : up.get(ThreadLocalRandom.current().nextInt(up.size()));
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One answer: status, Retry-After header (or null) and body. */
	record Answer(int status, String retryAfter, String body) {
	}

}
