package org.privacyportal.correction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/**
 * The deadline rules that correction and deletion requests share: an answer is due 30 days after
 * submission, and staff may extend that once, by 1 to 60 days, with a reason the subject sees.
 */
public final class RequestDeadlines {

	public static final Duration RESPONSE_TIME = Duration.ofDays(30);

	public static final int MAX_EXTENSION_DAYS = 60;

	/** The longest reason, note or extension reason a request carries. */
	public static final int MAX_TEXT_LENGTH = 1000;

	private RequestDeadlines() {
	}

	/** The user errors of an {@code ExtendRequestDeadlineInput}; empty when it may be applied. */
	public static List<UserError> checkExtension(int days, @Nullable String reason) {
		List<UserError> errors = new ArrayList<>();
		if (days < 1 || days > MAX_EXTENSION_DAYS) {
			errors.add(UserError.invalid("Extend by 1 to " + MAX_EXTENSION_DAYS + " days", "input", "days"));
		}
		String text = text(reason);
		if (text == null || text.length() > MAX_TEXT_LENGTH) {
			errors.add(UserError.invalid("Give the subject a reason of 1 to " + MAX_TEXT_LENGTH + " characters", "input",
					"reason"));
		}
		return errors;
	}

	/** Free text as stored: trimmed, and null when blank. */
	public static @Nullable String text(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.strip();
	}

}
