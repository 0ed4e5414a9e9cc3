package org.privacyportal.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency keys.
 *
 * @param retention how long a first answer is kept for retries
 * @param claimTimeout how long a key whose request never finished (its instance stopped) stays
 * blocked before a retry may run it
 * @param maxKeysPerCaller most keys one caller may hold at once; a request with a new key beyond
 * it is refused
 */
@ConfigurationProperties("portal.idempotency")
record IdempotencyProperties(@DefaultValue("PT24H") Duration retention, @DefaultValue("PT5M") Duration claimTimeout,
		@DefaultValue("1000") int maxKeysPerCaller) {
}
