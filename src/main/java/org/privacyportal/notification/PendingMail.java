package org.privacyportal.notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.privacyportal.language.Languages;

/**
 * A notification waiting to be sent. Features embed these in an {@code outbox} array of the very
 * document whose change they announce, so the change and its mail are one write; the mail worker
 * sends them from every {@link MailOutbox} collection and pulls them when sent.
 *
 * @param template the template name under {@code templates/mail/}, e.g. {@code correction-decided};
 * the comment at the top of each template names the model keys it needs
 * @param model values the template shows; never a download link
 * @param language the language of the request that queued it: the mail is written in the subject's
 * chosen language when it is sent, else in this one
 */
public record PendingMail(String id, String template, String subjectId, Map<String, String> model, Instant createdAt,
		@Nullable String language) {

	/**
	 * Model key that addresses the mail to this address instead of the subject's current one: for
	 * mail that must still arrive after the subject's data is erased ({@code deletion-completed}).
	 */
	public static final String RECIPIENT_ADDRESS = "recipientAddress";

	public static PendingMail of(String template, String subjectId, Map<String, String> model, Instant now) {
		return new PendingMail(UUID.randomUUID().toString(), template, subjectId, model, now, Languages.current());
	}

	/** A mail to an address captured now, see {@link #RECIPIENT_ADDRESS}. */
	public static PendingMail toAddress(String address, String template, String subjectId, Map<String, String> model,
			Instant now) {
		Map<String, String> withAddress = new LinkedHashMap<>(model);
		withAddress.put(RECIPIENT_ADDRESS, address);
		return of(template, subjectId, withAddress, now);
	}

}
