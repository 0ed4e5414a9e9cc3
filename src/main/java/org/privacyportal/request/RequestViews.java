package org.privacyportal.request;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** The GraphQL types of the shared request lifecycle. */
final class RequestViews {

	private RequestViews() {
	}

	record ExtendRequestDeadlineInput(String requestId, int days, String reason) {
	}

	/** {@code ExtendRequestDeadlinePayload}: the new deadline, or why there is none. */
	record ExtendRequestDeadlinePayload(@Nullable Instant dueAt, List<UserError> userErrors) {

		static ExtendRequestDeadlinePayload refused(UserError error) {
			return new ExtendRequestDeadlinePayload(null, List.of(error));
		}

	}

}
