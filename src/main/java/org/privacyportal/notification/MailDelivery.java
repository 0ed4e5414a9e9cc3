package org.privacyportal.notification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The delivery of one {@link PendingMail}, under the mail's own id: inserting it is idempotent and
 * claiming it is one lease ({@link org.privacyportal.store.Leases}), which is what keeps a mail from
 * being sent twice. {@code attempts} counts the claims; a mail that is not due simply cannot be claimed.
 */
@Document("mail_deliveries")
record MailDelivery(@Id String id, @Indexed String subjectId, String collection, String documentId, String template,
		MailDeliveryStatus status, int attempts, @Nullable Instant nextAttemptAt, @Nullable String lastError,
		Instant createdAt, @Nullable Instant finishedAt) {

	/** A mail seen in its outbox for the first time, due now. */
	static MailDelivery pending(PendingMail mail, String collection, String documentId, Instant now) {
		return new MailDelivery(mail.id(), mail.subjectId(), collection, documentId, mail.template(),
				MailDeliveryStatus.PENDING, 0, now, null, now, null);
	}

}
