package org.privacyportal.notification;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where a subject's mail goes. Implemented by the feature that holds the subjects, so the mail
 * worker reads the address current at sending time without knowing how subjects are stored.
 */
public interface MailRecipients {

	/** Empty when the subject is unknown, erased or has no address. */
	Optional<Recipient> find(String subjectId);

	/** {@code language} is the one the subject chose, if any. */
	record Recipient(String address, @Nullable String name, @Nullable String language) {
	}

}
