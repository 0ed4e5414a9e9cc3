package org.privacyportal.complaint;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** The GraphQL types of the complaint feature. */
final class ComplaintViews {

	private ComplaintViews() {
	}

	/** {@code Complaint}; {@code messages} and {@code assignee} are answered per audience by the controller. */
	record ComplaintView(String id, String subjectId, ComplaintCategory category, boolean urgent, String summary,
			String description, ComplaintStatus status, Instant filedAt, Instant acknowledgeBy, Instant resolveBy,
			Instant dueAt, boolean overdue, @Nullable Instant acknowledgedAt, @Nullable Instant closedAt,
			Instant updatedAt, @Nullable String remedy, @Nullable String assignee, @Nullable Instant erasedAt,
			List<ComplaintMessageView> messages) {

		/** As the subject may see it: no internal notes, no assignee. */
		ComplaintView forSubject() {
			return new ComplaintView(id, subjectId, category, urgent, summary, description, status, filedAt,
					acknowledgeBy, resolveBy, dueAt, overdue, acknowledgedAt, closedAt, updatedAt, remedy, null,
					erasedAt, messages.stream().filter(m -> !m.internal()).toList());
		}

	}

	record ComplaintMessageView(String id, MessageAuthor author, String body, boolean internal, Instant at) {
	}

	record ComplaintFilter(@Nullable List<ComplaintStatus> status, @Nullable List<ComplaintCategory> category,
			@Nullable Boolean overdue, @Nullable String assignee) {
	}

	record FileComplaintInput(ComplaintCategory category, String summary, String description) {
	}

	record ReplyToComplaintInput(String complaintId, String body) {
	}

	record UpdateComplaintInput(String id, @Nullable ComplaintStatus status, @Nullable String reply,
			@Nullable String internalNote, @Nullable String remedy, @Nullable String assignee) {
	}

	record ComplaintPayload(@Nullable ComplaintView complaint, List<UserError> userErrors) {

		static ComplaintPayload of(ComplaintView complaint) {
			return new ComplaintPayload(complaint, List.of());
		}

		static ComplaintPayload refused(UserError... errors) {
			return new ComplaintPayload(null, List.of(errors));
		}

		static ComplaintPayload refused(List<UserError> errors) {
			return new ComplaintPayload(null, errors);
		}

	}

}
