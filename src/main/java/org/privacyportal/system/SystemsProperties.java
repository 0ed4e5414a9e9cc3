package org.privacyportal.system;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.privacyportal.store.Leases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data systems: where tasks go and how they are retried.
 *
 * @param allowInsecureEndpoints {@code http} endpoints and loopback addresses; unset means on with the
 * embedded issuer (a development setup) and off once a real issuer is configured
 * @param allowPrivateAddresses endpoints on private (10/8, 172.16/12, 192.168/16, fc00::/7) and
 * link-local addresses
 * @param callbackBaseUrl the portal's public origin, which {@code callbackUrl} in each webhook starts
 * with; unset means {@code http://localhost:<server.port>}
 * @param secretKey the key that seals each system's signing secret in the store; unset means one
 * generated once and kept in {@code PORTAL_DATA_DIR}
 * @param pollInterval how often each instance looks for tasks to deliver
 * @param lease how long a claimed delivery stays with its instance
 * @param maxAttempts delivery attempts before a task is {@code FAILED}
 * @param firstRetryAfter wait after the first failed attempt, doubling with each further one
 * @param maxRetryAfter the longest wait between two attempts
 * @param timeout connection and answer timeout of one delivery
 */
@ConfigurationProperties("portal.systems")
record SystemsProperties(@Nullable Boolean allowInsecureEndpoints, @DefaultValue("false") boolean allowPrivateAddresses,
		@Nullable String callbackBaseUrl, @Nullable String secretKey, @DefaultValue("PT10S") Duration pollInterval,
		@DefaultValue("PT2M") Duration lease, @DefaultValue("6") int maxAttempts,
		@DefaultValue("PT1M") Duration firstRetryAfter, @DefaultValue("PT6H") Duration maxRetryAfter,
		@DefaultValue("PT10S") Duration timeout) {

	SystemsProperties {
		if (maxAttempts < 1 || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("portal.systems.max-attempts must be at least 1, timeout positive");
		}
	}

	/** Doubling from the first wait, at most the longest, as for every leased piece of work. */
	Duration retryAfter(int attempts) {
		return Leases.backoff(firstRetryAfter, maxRetryAfter, attempts);
	}

}
