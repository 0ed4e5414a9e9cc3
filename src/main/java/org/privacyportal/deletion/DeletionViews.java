package org.privacyportal.deletion;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;
import org.privacyportal.request.RequestStatus;

/** The GraphQL types of the deletion feature. */
final class DeletionViews {

	private DeletionViews() {
	}

	/** {@code DeletionRequest}; {@code blockedBy} is resolved per caller. */
	record DeletionRequestView(String id, String subjectId, @Nullable String reason, RequestStatus status,
			Instant submittedAt, Instant scheduledFor, Instant dueAt, @Nullable Instant completedAt,
			@Nullable Instant cancelledAt, @Nullable Instant extendedAt, @Nullable String extensionReason) {
	}

	record RequestDeletionInput(@Nullable String reason) {
	}

	record DeletionRequestPayload(@Nullable DeletionRequestView request, List<UserError> userErrors) {
	}

}
