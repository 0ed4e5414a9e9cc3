package org.privacyportal.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per limit and key, in this instance's memory. A bucket that has filled up
 * again is forgotten, so the map holds only recent callers.
 */
@Component
class RateLimiter {

	enum Limit {

		MUTATIONS, ANONYMOUS, DEV_TOKENS

	}

	private static final int MAX_KEYS = 100_000;

	private final RateLimitProperties properties;

	private final Map<String, Entry> buckets = new ConcurrentHashMap<>();

	RateLimiter(RateLimitProperties properties) {
		this.properties = properties;
	}

	boolean enabled() {
		return properties.enabled();
	}

	/** Takes one request from the caller's budget; empty when allowed, else how long to wait. */
	Optional<Duration> tryAcquire(Limit limit, String key) {
		if (!properties.enabled()) {
			return Optional.empty();
		}
		if (buckets.size() >= MAX_KEYS) {
			forgetFullBuckets();
		}
		Entry entry = buckets.computeIfAbsent(limit + "\n" + key, k -> newEntry(perMinute(limit)));
		ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	@Scheduled(fixedDelayString = "PT1M")
	void forgetFullBuckets() {
		buckets.values().removeIf(entry -> entry.bucket().getAvailableTokens() >= entry.capacity());
	}

	private int perMinute(Limit limit) {
		return switch (limit) {
			case MUTATIONS -> properties.mutationsPerMinute();
			case ANONYMOUS -> properties.anonymousPerMinute();
			case DEV_TOKENS -> properties.devTokensPerMinute();
		};
	}

	private static Entry newEntry(int perMinute) {
		return new Entry(Bucket.builder()
			.addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
			.build(), perMinute);
	}

	private record Entry(Bucket bucket, long capacity) {
	}

}
