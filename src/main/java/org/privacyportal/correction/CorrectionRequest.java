package org.privacyportal.correction;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.notification.PendingMail;
import org.privacyportal.request.RequestDeadlines;
import org.privacyportal.request.RequestStatus;
import org.privacyportal.subject.ProfileField;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A subject's request to correct one profile field. Every status change is one conditional update
 * on {@code status} that also writes {@code openKey} and the mail announcing it into
 * {@code outbox}.
 *
 * @param openKey unique: {@code <subjectId>/<field>} while pending, the request's own id after, so
 * a subject has at most one pending request per field even when two arrive at once
 * @param appliedAt when an approved value reached the profile; an approval that crashed before is
 * applied again by {@link CorrectionService#applyInterruptedApprovals()}
 * @param erasedAt when the subject's erasure emptied the values and notes
 */
@Document(CorrectionRequest.COLLECTION)
@CompoundIndexes({ @CompoundIndex(name = "subject_submitted", def = "{'subjectId': 1, 'submittedAt': -1}"),
		@CompoundIndex(name = "queue", def = "{'status': 1, 'dueAt': 1}") })
record CorrectionRequest(@Id String id, String subjectId, ProfileField field, @Nullable String currentValue,
		@Nullable String proposedValue, @Nullable String reason, RequestStatus status,
		@Indexed(unique = true) String openKey, Instant submittedAt, Instant dueAt, @Nullable Instant decidedAt,
		@Nullable String decidedBy, @Nullable String decisionNote, @Nullable Instant appliedAt,
		@Nullable Instant closedAt, @Nullable Instant extendedAt, @Nullable String extensionReason,
		@Nullable Instant erasedAt, List<PendingMail> outbox) {

	static final String COLLECTION = "correction_requests";

	/** A new pending request, due {@link RequestDeadlines#RESPONSE_TIME} from now, with its receipt in the outbox. */
	static CorrectionRequest submitted(String id, String subjectId, ProfileField field, @Nullable String currentValue,
			String proposedValue, @Nullable String reason, Instant now) {
		Instant dueAt = now.plus(RequestDeadlines.RESPONSE_TIME);
		return new CorrectionRequest(id, subjectId, field, currentValue, proposedValue, reason, RequestStatus.PENDING,
				openKey(subjectId, field), now, dueAt, null, null, null, null, null, null, null, null,
				List.of(CorrectionMail.submitted(id, subjectId, field, proposedValue, now, dueAt)));
	}

	static String openKey(String subjectId, ProfileField field) {
		return subjectId + "/" + field.name();
	}

}
