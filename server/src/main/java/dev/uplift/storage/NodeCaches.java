package dev.uplift.storage;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Copies of database rows kept in one node's memory. Every node keeps its own, so each
 * copy expires: a change made through another node is seen once the copy has expired.
 */
public final class NodeCaches {

	/**
	 * The most entries kept by one cache: far more projects than one installation serves.
	 */
	static final int CAPACITY = 10_000;

	private NodeCaches() {
	}

	/**
	 * A bounded cache whose entries are dropped {@code lifetime} after they were written.
	 */
	public static <K, V> Cache<K, V> expiringAfter(Duration lifetime) {
		return Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(CAPACITY).build();
	}

}
