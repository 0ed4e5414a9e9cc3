package org.privacyportal.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many subscriptions may be open at once, per instance: each one holds server resources for as
 * long as it lasts (an export's for up to 7 days).
 *
 * @param maxPerConnection on one WebSocket connection
 * @param maxPerSubject across all connections of one subject (issuer and {@code sub})
 */
@ConfigurationProperties("portal.subscriptions")
public record SubscriptionLimits(@DefaultValue("10") int maxPerConnection, @DefaultValue("20") int maxPerSubject) {
}
