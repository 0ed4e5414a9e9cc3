package org.privacyportal.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request budgets, kept per instance: with several instances a caller may get up to that many times
 * the budget.
 *
 * @param enabled off lifts every limit (benchmarks, load tests)
 * @param mutationsPerMinute mutations one subject (issuer and {@code sub}) may send, also as a burst
 * @param anonymousPerMinute requests without a bearer token from one client address (GraphQL,
 * downloads); generous because an office behind one address shares it
 * @param devTokensPerMinute {@code POST /dev/tokens} from one client address
 */
@ConfigurationProperties("portal.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60") int mutationsPerMinute,
		@DefaultValue("300") int anonymousPerMinute, @DefaultValue("30") int devTokensPerMinute) {
}
