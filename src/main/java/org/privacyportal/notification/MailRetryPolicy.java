package org.privacyportal.notification;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

/**
 * When a failed attempt is tried again: after {@code first-retry-after}, doubling up to
 * {@code max-retry-after}, until {@code max-attempts}; a mail the server can never take is given
 * up at once.
 */
final class MailRetryPolicy {

	private final NotificationProperties properties;

	MailRetryPolicy(NotificationProperties properties) {
		this.properties = properties;
	}

	boolean givesUp(MailException failure, int attempts) {
		boolean permanent = failure instanceof MailParseException || failure instanceof MailPreparationException;
		return permanent || attempts >= properties.maxAttempts();
	}

	/** {@code first-retry-after} doubled for each attempt after the first, at most {@code max-retry-after}. */
	Duration retryAfter(int attempts) {
		Duration wait = properties.firstRetryAfter();
		for (int i = 1; i < attempts && wait.compareTo(properties.maxRetryAfter()) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		Duration capped = wait.compareTo(properties.maxRetryAfter()) > 0 ? properties.maxRetryAfter() : wait;
		return capped.truncatedTo(ChronoUnit.MILLIS);
	}

}
