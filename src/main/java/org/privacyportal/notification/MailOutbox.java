package org.privacyportal.notification;

import java.util.List;

import org.springframework.data.mongodb.core.query.Update;

/**
 * A collection whose documents carry an {@code outbox} array of {@link PendingMail}: a feature adds
 * a mail in the same update as the change it announces, and the mail worker sends it from there.
 * Features write the array only through {@link #push} and {@link #clear}.
 */
public interface MailOutbox {

	/** The name of the array in every outbox document. */
	String FIELD = "outbox";

	String collection();

	/** Adds the mail to the document that {@code update} changes, in the same write. */
	static Update push(Update update, PendingMail mail) {
		return update.push(FIELD, mail);
	}

	/** Drops every unsent mail of the document: for erasure, when no one is left to tell. */
	static Update clear(Update update) {
		return update.set(FIELD, List.of());
	}

}
