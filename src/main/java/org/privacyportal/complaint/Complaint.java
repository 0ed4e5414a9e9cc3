package org.privacyportal.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.notification.PendingMail;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A complaint with its whole conversation embedded, so every change (status, messages, the mail it
 * causes in {@code outbox}) is one conditional write of this document. {@code dueAt} and
 * {@code queueRank} are derived from the status and stored so the staff queue sorts and pages on
 * them with a keyset.
 */
@Document(Complaint.COLLECTION)
@CompoundIndex(name = "subject_filed", def = "{'subjectId': 1, 'filedAt': -1}")
@CompoundIndex(name = "queue", def = "{'queueRank': 1, 'dueAt': 1}")
record Complaint(@Id String id, String subjectId, ComplaintCategory category, boolean urgent, String summary,
		String description, ComplaintStatus status, Instant filedAt, Instant acknowledgeBy, Instant resolveBy,
		Instant dueAt, int queueRank, @Nullable Instant acknowledgedAt, @Nullable Instant closedAt,
		Instant updatedAt, @Nullable String remedy, @Nullable String assignee, @Nullable Instant erasedAt,
		List<Message> messages, List<PendingMail> outbox) {

	static final String COLLECTION = "complaints";

	static final Duration ACKNOWLEDGE_WITHIN = Duration.ofHours(72);

	static final Duration URGENT_ACKNOWLEDGE_WITHIN = Duration.ofHours(24);

	static final Duration RESOLVE_WITHIN = Duration.ofDays(30);

	/** A new complaint, with nothing in its outbox yet. */
	static Complaint file(String id, String subjectId, ComplaintCategory category, String summary, String description,
			Instant now) {
		boolean urgent = category.urgent();
		Instant acknowledgeBy = now.plus(urgent ? URGENT_ACKNOWLEDGE_WITHIN : ACKNOWLEDGE_WITHIN);
		Instant resolveBy = now.plus(RESOLVE_WITHIN);
		ComplaintStatus status = ComplaintStatus.RECEIVED;
		return new Complaint(id, subjectId, category, urgent, summary, description, status, now, acknowledgeBy,
				resolveBy, dueAt(status, acknowledgeBy, resolveBy), queueRank(status, urgent), null, null, now, null,
				null, null, List.of(), List.of());
	}

	Complaint withOutbox(List<PendingMail> mail) {
		return new Complaint(id, subjectId, category, urgent, summary, description, status, filedAt, acknowledgeBy,
				resolveBy, dueAt, queueRank, acknowledgedAt, closedAt, updatedAt, remedy, assignee, erasedAt, messages,
				mail);
	}

	/** The deadline that applies: acknowledgement while RECEIVED, then resolution. */
	static Instant dueAt(ComplaintStatus status, Instant acknowledgeBy, Instant resolveBy) {
		return status == ComplaintStatus.RECEIVED ? acknowledgeBy : resolveBy;
	}

	/** Open urgent complaints first, then the other open ones, then the closed ones. */
	static int queueRank(ComplaintStatus status, boolean urgent) {
		if (!status.open()) {
			return 2;
		}
		return urgent ? 0 : 1;
	}

	boolean overdueAt(Instant now) {
		return status.open() && dueAt.isBefore(now);
	}

	/** One entry of the conversation; internal notes are for staff only. */
	record Message(@Id String id, MessageAuthor author, String body, boolean internal, Instant at) {
	}

}
