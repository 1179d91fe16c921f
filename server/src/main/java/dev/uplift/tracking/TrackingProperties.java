package dev.uplift.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and tuning of event ingestion.
 *
 * @param queueCapacity events waiting for the writer before requests are answered 503
 * @param batchMaxEvents most events the writer commits in one transaction
 * @param batchMaxWaitMillis longest the writer waits to fill a batch once it holds an
 * event, when it holds fewer than a thousand
 * @param collectMaxEvents most events in one collect request
 * @param collectMaxBytes largest collect body in bytes
 * @param importChunkEvents events of an import committed in one transaction; the writer
 * takes one chunk of an import per transaction, with all live events waiting, so live
 * requests wait for at most one chunk's commit
 * @param importSortBuffer events of one import sorted by time together; longer streams
 * are sorted in runs of this size
 * @param retryAfterSeconds value of the Retry-After header when the queue is full
 * @param countryHeader request header of a trusted proxy carrying the visitor's country
 * (e.g. CF-IPCountry); blank for none
 * @param regionHeader request header of a trusted proxy carrying the name of the
 * visitor's region (e.g. Cloudflare's cf-region); blank for none
 * @param cityHeader request header of a trusted proxy carrying the name of the visitor's
 * city (e.g. Cloudflare's cf-ipcity); blank for none
 */
@ConfigurationProperties("uplift.tracking")
public record TrackingProperties(@DefaultValue("200000") int queueCapacity, @DefaultValue("20000") int batchMaxEvents,
		@DefaultValue("2") long batchMaxWaitMillis, @DefaultValue("1000") int collectMaxEvents,
		@DefaultValue("1048576") int collectMaxBytes, @DefaultValue("2000") int importChunkEvents,
		@DefaultValue("50000") int importSortBuffer, @DefaultValue("1") int retryAfterSeconds,
		@DefaultValue("") String countryHeader, @DefaultValue("") String regionHeader,
		@DefaultValue("") String cityHeader) {

	public TrackingProperties {
		if (queueCapacity < collectMaxEvents || importChunkEvents > queueCapacity) {
			throw new IllegalArgumentException("uplift.tracking.queue-capacity must hold a whole request");
		}
	}

}
