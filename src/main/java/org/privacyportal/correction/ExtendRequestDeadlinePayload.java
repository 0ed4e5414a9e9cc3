package org.privacyportal.correction;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** {@code ExtendRequestDeadlinePayload}: the new deadline, or why there is none. */
public record ExtendRequestDeadlinePayload(@Nullable Instant dueAt, List<UserError> userErrors) {

	public static ExtendRequestDeadlinePayload refused(UserError error) {
		return new ExtendRequestDeadlinePayload(null, List.of(error));
	}

}
