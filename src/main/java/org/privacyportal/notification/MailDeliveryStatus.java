package org.privacyportal.notification;

/** Where one {@link PendingMail} stands. */
enum MailDeliveryStatus {

	/** Waiting for its first or next attempt ({@code nextAttemptAt}). */
	PENDING,
	/** Claimed by a worker until {@code leaseUntil}. */
	SENDING,
	/** Accepted by the SMTP server. */
	SENT,
	/** Written to the log because no SMTP server is configured; still in its outbox. */
	LOGGED,
	/** Given up: attempts used up, or the mail cannot be built. */
	FAILED,
	/** No address to send to: the subject is gone or never gave one. */
	UNDELIVERABLE;

	boolean isFinal() {
		return this == SENT || this == FAILED || this == UNDELIVERABLE;
	}

}
