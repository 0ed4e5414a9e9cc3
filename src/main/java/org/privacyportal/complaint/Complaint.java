package org.privacyportal.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.PendingMail;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A complaint with its whole conversation embedded, so every change (status, messages, the mail it
 * causes in {@code outbox}) is one conditional write of this document. {@code dueAt} and
 * {@code queueRank} are derived from the status and stored so the staff queue sorts and pages on
 * them with a keyset. While open, a complaint holds one of its subject's numbered {@code openSlot}s,
 * whose unique sparse index is what keeps the open ones within the limit even when filings race.
 */
@Document(Complaint.COLLECTION)
@CompoundIndex(name = "subject_filed", def = "{'subjectId': 1, 'filedAt': -1}")
@CompoundIndex(name = "queue", def = "{'queueRank': 1, 'dueAt': 1}")
record Complaint(@Id String id, String subjectId, ComplaintCategory category, boolean urgent, String summary,
		String description, ComplaintStatus status, Instant filedAt, Instant acknowledgeBy, Instant resolveBy,
		Instant dueAt, int queueRank, @Nullable Instant acknowledgedAt, @Nullable Instant closedAt,
		Instant updatedAt, @Nullable String remedy, @Nullable String assignee, @Nullable Instant erasedAt,
		List<Message> messages, List<PendingMail> outbox,
		@Nullable @Indexed(unique = true, sparse = true) String openSlot) {

	static final String COLLECTION = "complaints";

	static final Duration ACKNOWLEDGE_WITHIN = Duration.ofHours(72);

	static final Duration URGENT_ACKNOWLEDGE_WITHIN = Duration.ofHours(24);

	static final Duration RESOLVE_WITHIN = Duration.ofDays(30);

	/** Keeps a conversation, and so the document, bounded. */
	static final int MAX_MESSAGES = 200;

	/** A new complaint in the subject's open slot number {@code slot}, with its receipt in the outbox. */
	static Complaint file(String id, String subjectId, int slot, ComplaintCategory category, String summary,
			String description, Instant now) {
		boolean urgent = category.urgent();
		Instant acknowledgeBy = now.plus(urgent ? URGENT_ACKNOWLEDGE_WITHIN : ACKNOWLEDGE_WITHIN);
		Instant resolveBy = now.plus(RESOLVE_WITHIN);
		ComplaintStatus status = ComplaintStatus.RECEIVED;
		return new Complaint(id, subjectId, category, urgent, summary, description, status, now, acknowledgeBy,
				resolveBy, dueAt(status, acknowledgeBy, resolveBy), queueRank(status, urgent), null, null, now, null,
				null, null, List.of(),
				List.of(ComplaintMail.received(id, subjectId, summary, now, acknowledgeBy, resolveBy)),
				openSlot(subjectId, slot));
	}

	static String openSlot(String subjectId, int slot) {
		return subjectId + ":" + slot;
	}

	/** The subject's reply: refused once the complaint is closed or the conversation full. */
	Change reply(String body, Instant now) {
		if (!status.open()) {
			return Change.refused(UserError.of(UserErrorCode.CONFLICT, text("error.complaint.no-replies", word(status)),
					"input", "complaintId"));
		}
		if (messages.size() >= MAX_MESSAGES) {
			return Change.refused(tooManyMessages("complaintId"));
		}
		Message message = Message.of(MessageAuthor.SUBJECT, body, false, now);
		return new Change(null, new Update().push("messages", message).set("updatedAt", now), message, null);
	}

	/**
	 * Staff work: the status moves forward only, and a closed complaint takes no more changes. The
	 * change carries the mail it causes.
	 */
	Change update(StaffUpdate input, Instant now) {
		ComplaintStatus next = input.status();
		if (next != null && !status.canMoveTo(next)) {
			org.privacyportal.api.Message why = status.open()
					? text("error.complaint.transition", word(status), word(next))
					: text("error.complaint.final", word(status));
			return Change.refused(UserError.of(UserErrorCode.CONFLICT, why, "input", "status"));
		}
		if (!status.open()) {
			return Change.refused(UserError.of(UserErrorCode.CONFLICT, text("error.complaint.final-changes", word(status)),
					"input", "id"));
		}
		int adding = (input.reply() == null ? 0 : 1) + (input.note() == null ? 0 : 1);
		if (messages.size() + adding > MAX_MESSAGES) {
			return Change.refused(tooManyMessages(input.reply() != null ? "reply" : "internalNote"));
		}
		Update update = new Update().set("updatedAt", now);
		if (next != null) {
			update.set("status", next)
				.set("dueAt", dueAt(next, acknowledgeBy, resolveBy))
				.set("queueRank", queueRank(next, urgent));
			if (status == ComplaintStatus.RECEIVED) {
				update.set("acknowledgedAt", now);
			}
			if (!next.open()) {
				update.set("closedAt", now).unset("openSlot");
			}
		}
		if (input.remedy() != null) {
			update.set("remedy", input.remedy());
		}
		if (input.assignee() != null) {
			if (input.assignee().isEmpty()) {
				update.unset("assignee");
			}
			else {
				update.set("assignee", input.assignee());
			}
		}
		Message reply = input.reply() == null ? null : Message.of(MessageAuthor.STAFF, input.reply(), false, now);
		Message note = input.note() == null ? null : Message.of(MessageAuthor.STAFF, input.note(), true, now);
		Object[] added = Stream.of(reply, note).filter(Objects::nonNull).toArray();
		if (added.length > 0) {
			update.push("messages").each(added);
		}
		PendingMail mail = ComplaintMail.afterUpdate(this, next != null && !next.open() ? next : null, input.reply(),
				input.remedy() != null ? input.remedy() : remedy, now);
		if (mail != null) {
			MailOutbox.push(update, mail);
		}
		return new Change(null, update, reply, note);
	}

	private static UserError tooManyMessages(String field) {
		return UserError.of(UserErrorCode.LIMIT_REACHED, text("error.complaint.messages", MAX_MESSAGES), "input", field);
	}

	/** A refusal's text; {@link Message} is an entry of the conversation. */
	private static org.privacyportal.api.Message text(String key, Object... args) {
		return new org.privacyportal.api.Message(key, args);
	}

	/** A status as a refusal names it. */
	private static org.privacyportal.api.Message word(ComplaintStatus status) {
		return text("error.complaint.status." + status.name());
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

	/** Every {@link #queueRank} an open complaint has. */
	static final List<Integer> OPEN_RANKS = List.of(0, 1);

	boolean overdueAt(Instant now) {
		return status.open() && dueAt.isBefore(now);
	}

	/** One entry of the conversation; internal notes are for staff only. */
	record Message(@Id String id, MessageAuthor author, String body, boolean internal, Instant at) {

		static Message of(MessageAuthor author, String body, boolean internal, Instant at) {
			return new Message(UUID.randomUUID().toString(), author, body, internal, at);
		}

	}

	/** What staff ask of a complaint, checked and trimmed; an empty assignee clears the assignment. */
	record StaffUpdate(@Nullable ComplaintStatus status, @Nullable String reply, @Nullable String note,
			@Nullable String remedy, @Nullable String assignee) {
	}

	/**
	 * A refusal, or the update to write only if the status is still the one it was decided on, with
	 * the messages it adds.
	 */
	record Change(@Nullable UserError refusal, @Nullable Update update, @Nullable Message reply,
			@Nullable Message note) {

		static Change refused(UserError refusal) {
			return new Change(refusal, null, null, null);
		}

	}

}
