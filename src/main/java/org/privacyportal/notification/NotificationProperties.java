package org.privacyportal.notification;

import java.time.Duration;

import org.privacyportal.store.Leases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail delivery. The SMTP server itself is {@code spring.mail.*}; without {@code spring.mail.host}
 * mail is logged and kept in the outbox (see {@link MailWorker}).
 *
 * @param from the sender address of every mail
 * @param pollInterval how often each instance looks into the outboxes
 * @param maxAttempts sending attempts before a mail is given up as {@code FAILED}
 * @param firstRetryAfter wait after the first failed attempt; it doubles with each further one
 * @param maxRetryAfter the longest wait between two attempts
 * @param lease how long a claimed mail is left to its worker before another may take it over
 * @param deliveryRetention how long the record of a finished delivery is kept
 */
@ConfigurationProperties("portal.mail")
public record NotificationProperties(@DefaultValue("privacy@example.org") String from,
		@DefaultValue("PT10S") Duration pollInterval, @DefaultValue("6") int maxAttempts,
		@DefaultValue("PT1M") Duration firstRetryAfter, @DefaultValue("PT6H") Duration maxRetryAfter,
		@DefaultValue("PT2M") Duration lease, @DefaultValue("P90D") Duration deliveryRetention) {

	/**
	 * The retry policy: the wait after attempt {@code attempts} failed is {@code first-retry-after},
	 * doubled for each attempt after the first, at most {@code max-retry-after}.
	 */
	Duration retryAfter(int attempts) {
		return Leases.backoff(firstRetryAfter, maxRetryAfter, attempts);
	}

}
