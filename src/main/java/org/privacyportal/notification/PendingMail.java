package org.privacyportal.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notification waiting to be sent. Features embed these in an {@code outbox} array of the very
 * document whose change they announce, so the change and its mail are one write; the mail worker
 * sends them from every {@link MailOutbox} collection and pulls them when sent.
 *
 * @param template the template name under {@code templates/mail/}, e.g. {@code correction-decided}
 * @param model values the template shows; never a download link
 */
public record PendingMail(String id, String template, String subjectId, Map<String, String> model, Instant createdAt) {

	public static PendingMail of(String template, String subjectId, Map<String, String> model, Instant now) {
		return new PendingMail(UUID.randomUUID().toString(), template, subjectId, model, now);
	}

}
