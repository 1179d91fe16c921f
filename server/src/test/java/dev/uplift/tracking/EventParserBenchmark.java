package dev.uplift.tracking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The time per event to read a collect body of 100 events (80 exposures with attributes,
 * 20 goals) and validate each event, as the collect route does before queueing; beside
 * the package-private parser it times. Not a test: run by {@code bench/jmh-server.sh}
 * (docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventParserBenchmark {

	private static final int EVENTS = 100;

	private final byte[] body;

	public EventParserBenchmark() {
		StringBuilder json = new StringBuilder("{\"events\":[");
		for (int i = 0; i < EVENTS; i++) {
			json.append((i == 0) ? "" : ",");
			if (i % 5 == 4) {
				json.append("{\"type\":\"goal\",\"event_id\":\"5c0e0c1b-1d2e-4f3a-8b9c-")
					.append(100_000_000_000L + i)
					.append("\",\"visitor_id\":\"v-8f2c")
					.append(i - 1)
					.append("\",\"goal_key\":\"purchase\"}");
			}
			else {
				json.append("{\"type\":\"exposure\",\"event_id\":\"5c0e0c1b-1d2e-4f3a-8b9c-")
					.append(100_000_000_000L + i)
					.append("\",\"visitor_id\":\"v-8f2c")
					.append(i)
					.append("\",\"test_id\":1234,\"variant_id\":\"")
					.append(i % 3)
					.append("\",\"attributes\":{\"device\":\"mobile\",\"browser\":\"safari\",\"os\":\"ios\",")
					.append("\"country\":\"US\",\"source\":\"search\",\"landing_page\":\"/pricing\",")
					.append("\"utm_source\":\"google\",\"visitor_type\":\"new\"}}");
			}
		}
		this.body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Read the body's events with their texts (as the collect route does), then validate
	 * each into a {@link TrackingEvent}.
	 */
	@Benchmark
	@OperationsPerInvocation(EVENTS)
	public List<TrackingEvent> parseCollectBody() {
		List<SentEvent> events = RequestBodies.events(this.body, 1000);
		List<TrackingEvent> parsed = new ArrayList<>(events.size());
		for (SentEvent event : events) {
			parsed.add(EventParser.collected(event, 1_700_000_000_000L));
		}
		return parsed;
	}

}
