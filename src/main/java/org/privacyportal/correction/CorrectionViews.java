package org.privacyportal.correction;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;
import org.privacyportal.request.RequestStatus;
import org.privacyportal.subject.ProfileField;

/** The GraphQL types of the correction feature. */
final class CorrectionViews {

	private CorrectionViews() {
	}

	record CorrectionRequestView(String id, String subjectId, ProfileField field, @Nullable String currentValue,
			String proposedValue, @Nullable String reason, RequestStatus status, Instant submittedAt, Instant dueAt,
			@Nullable Instant decidedAt, @Nullable String decisionNote, @Nullable Instant extendedAt,
			@Nullable String extensionReason, @Nullable Instant erasedAt) {
	}

	record SubmitCorrectionRequestInput(ProfileField field, String proposedValue, @Nullable String reason) {
	}

	record SubmitCorrectionRequestPayload(@Nullable CorrectionRequestView request, List<UserError> userErrors) {
	}

	record CorrectionRequestPayload(@Nullable CorrectionRequestView request, List<UserError> userErrors) {
	}

	enum ReviewDecision {

		APPROVE, REJECT

	}

	record ReviewCorrectionRequestInput(String id, ReviewDecision decision, @Nullable String note) {
	}

}
