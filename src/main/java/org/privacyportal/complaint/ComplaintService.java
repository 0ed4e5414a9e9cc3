package org.privacyportal.complaint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.complaint.ComplaintViews.ComplaintFilter;
import org.privacyportal.complaint.ComplaintViews.ComplaintPayload;
import org.privacyportal.complaint.ComplaintViews.ComplaintView;
import org.privacyportal.complaint.ComplaintViews.FileComplaintInput;
import org.privacyportal.complaint.ComplaintViews.ReplyToComplaintInput;
import org.privacyportal.complaint.ComplaintViews.UpdateComplaintInput;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.security.Caller;

import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Complaints (§4, §5): filing, the conversation, the staff workflow and its deadlines. Every change
 * is one conditional write of the complaint document, made only if the status is still the one the
 * change was checked against; a concurrent change makes it check again. The mail a change causes is
 * pushed to the document's outbox in that same write.
 */
@Service
class ComplaintService {

	static final int MAX_SUMMARY_LENGTH = 200;

	static final int MAX_TEXT_LENGTH = 5000;

	static final int MAX_REMEDY_LENGTH = 2000;

	static final int MAX_ASSIGNEE_LENGTH = 200;

	/** Keeps a conversation, and so the document, bounded. */
	static final int MAX_MESSAGES = 200;

	/** Open complaints one subject may have at a time. */
	static final int MAX_OPEN = 20;

	static final String MAIL_RECEIVED = "complaint-received";

	static final String MAIL_REPLY = "complaint-reply";

	static final String MAIL_DECIDED = "complaint-decided";

	private static final List<ComplaintStatus> OPEN = Arrays.stream(ComplaintStatus.values())
		.filter(ComplaintStatus::open)
		.toList();

	private static final List<ComplaintStatus> CLOSED = Arrays.stream(ComplaintStatus.values())
		.filter(s -> !s.open())
		.toList();

	/** A write only misses when the status moved meanwhile, which can happen only a few times. */
	private static final int MAX_ATTEMPTS = ComplaintStatus.values().length + 1;

	private final MongoTemplate mongo;

	private final ComplaintMapper mapper;

	private final AuditService audit;

	private final Clock clock;

	ComplaintService(MongoTemplate mongo, ComplaintMapper mapper, AuditService audit, Clock clock) {
		this.mongo = mongo;
		this.mapper = mapper;
		this.audit = audit;
		this.clock = clock;
	}

	ComplaintPayload file(String subjectId, FileComplaintInput input) {
		List<UserError> errors = new ArrayList<>();
		String summary = requireText(input.summary(), MAX_SUMMARY_LENGTH, errors, "input", "summary");
		String description = requireText(input.description(), MAX_TEXT_LENGTH, errors, "input", "description");
		if (!errors.isEmpty()) {
			return ComplaintPayload.refused(errors);
		}
		long open = mongo.count(Query.query(Criteria.where("subjectId").is(subjectId).and("status").in(OPEN)),
				Complaint.class);
		if (open >= MAX_OPEN) {
			return ComplaintPayload.refused(UserError.of(UserErrorCode.LIMIT_REACHED,
					"You have " + MAX_OPEN + " open complaints; wait for one to be decided before filing another",
					"input"));
		}
		Instant now = now();
		Complaint filed = Complaint.file(UUID.randomUUID().toString(), subjectId, input.category(), summary,
				description, now);
		Map<String, String> model = new LinkedHashMap<>();
		model.put("complaintId", filed.id());
		model.put("summary", summary);
		model.put("filedAt", filed.filedAt().toString());
		model.put("acknowledgeBy", filed.acknowledgeBy().toString());
		model.put("resolveBy", filed.resolveBy().toString());
		PendingMail receipt = PendingMail.of(MAIL_RECEIVED, subjectId, model, now);
		Complaint complaint = mongo.insert(filed.withOutbox(List.of(receipt)));
		audit.record(AuditEntry.bySubject(subjectId, "complaint.filed", complaint.id(),
				Map.of("category", complaint.category().name(), "urgent", Boolean.toString(complaint.urgent()))));
		return ComplaintPayload.of(toView(complaint).forSubject());
	}

	/** The subject's own reply; someone else's complaint is not found, exactly like an unknown one. */
	ComplaintPayload reply(String subjectId, ReplyToComplaintInput input) {
		List<UserError> errors = new ArrayList<>();
		String body = requireText(input.body(), MAX_TEXT_LENGTH, errors, "input", "body");
		if (!errors.isEmpty()) {
			return ComplaintPayload.refused(errors);
		}
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			Complaint current = mongo.findOne(
					Query.query(Criteria.where("_id").is(input.complaintId()).and("subjectId").is(subjectId)),
					Complaint.class);
			if (current == null) {
				throw new NotFoundException("Complaint");
			}
			if (!current.status().open()) {
				return ComplaintPayload.refused(UserError.of(UserErrorCode.CONFLICT,
						"This complaint is " + name(current.status()) + " and takes no more replies",
						"input", "complaintId"));
			}
			if (current.messages().size() >= MAX_MESSAGES) {
				return ComplaintPayload.refused(tooManyMessages("complaintId"));
			}
			Instant now = now();
			Complaint.Message message = new Complaint.Message(UUID.randomUUID().toString(), MessageAuthor.SUBJECT, body,
					false, now);
			Complaint written = writeIfStatusIs(current,
					new Update().push("messages", message).set("updatedAt", now));
			if (written != null) {
				audit.record(AuditEntry.bySubject(subjectId, "complaint.replied", current.id(),
						Map.of("messageId", message.id())));
				return ComplaintPayload.of(toView(written).forSubject());
			}
		}
		return changedMeanwhile();
	}

	/** Staff work on a complaint: any of status, reply, internal note, remedy and assignee at once. */
	ComplaintPayload update(Caller staff, UpdateComplaintInput input) {
		List<UserError> errors = new ArrayList<>();
		String reply = optionalText(input.reply(), MAX_TEXT_LENGTH, errors, "input", "reply");
		String note = optionalText(input.internalNote(), MAX_TEXT_LENGTH, errors, "input", "internalNote");
		String remedy = optionalText(input.remedy(), MAX_REMEDY_LENGTH, errors, "input", "remedy");
		String assignee = input.assignee() == null ? null : input.assignee().strip();
		if (assignee != null && assignee.length() > MAX_ASSIGNEE_LENGTH) {
			errors.add(UserError.invalid("assignee must be at most " + MAX_ASSIGNEE_LENGTH + " characters", "input",
					"assignee"));
		}
		ComplaintStatus next = input.status();
		if (next == null && reply == null && note == null && remedy == null && assignee == null && errors.isEmpty()) {
			errors.add(UserError.invalid("Give at least one of status, reply, internalNote, remedy or assignee",
					"input"));
		}
		if (next == ComplaintStatus.DISMISSED && reply == null && remedy == null && errors.isEmpty()) {
			errors.add(UserError.invalid("Say why the complaint is dismissed, in a reply or the remedy", "input",
					"reply"));
		}
		if (!errors.isEmpty()) {
			return ComplaintPayload.refused(errors);
		}
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			Complaint current = mongo.findById(input.id(), Complaint.class);
			if (current == null) {
				throw new NotFoundException("Complaint");
			}
			UserError refused = refusal(current, next, reply, note);
			if (refused != null) {
				return ComplaintPayload.refused(refused);
			}
			Change change = change(current, next, reply, note, remedy, assignee);
			Complaint written = writeIfStatusIs(current, change.update());
			if (written != null) {
				recordAudit(staff, current, written, change, remedy);
				return ComplaintPayload.of(toView(written));
			}
		}
		return changedMeanwhile();
	}

	/** A subject's complaints, newest first. */
	Window<ComplaintView> ofSubject(String subjectId, Page page) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId))
			.with(Sort.by(Sort.Direction.DESC, "filedAt"))
			.with(page.position())
			.limit(page.size());
		Instant now = clock.instant();
		return mongo.scroll(query, Complaint.class).map(c -> mapper.toView(c, now));
	}

	long countOfSubject(String subjectId) {
		return mongo.count(Query.query(Criteria.where("subjectId").is(subjectId)), Complaint.class);
	}

	/** The staff queue: open urgent complaints, other open ones, closed ones; oldest due first in each. */
	Window<ComplaintView> queue(@Nullable ComplaintFilter filter, Page page) {
		Instant now = clock.instant();
		Query query = Query.query(criteria(filter, now))
			.with(Sort.by("queueRank", "dueAt"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, Complaint.class).map(c -> mapper.toView(c, now));
	}

	long countQueue(@Nullable ComplaintFilter filter) {
		return mongo.count(Query.query(criteria(filter, clock.instant())), Complaint.class);
	}

	private @Nullable UserError refusal(Complaint current, @Nullable ComplaintStatus next, @Nullable String reply,
			@Nullable String note) {
		if (next != null && !current.status().canMoveTo(next)) {
			String why = current.status().open()
					? "A complaint that is " + name(current.status()) + " cannot move to " + name(next)
					: "A " + name(current.status()) + " complaint is final";
			return UserError.of(UserErrorCode.CONFLICT, why, "input", "status");
		}
		if (!current.status().open()) {
			return UserError.of(UserErrorCode.CONFLICT,
					"A " + name(current.status()) + " complaint is final and takes no more changes", "input", "id");
		}
		int added = (reply == null ? 0 : 1) + (note == null ? 0 : 1);
		if (current.messages().size() + added > MAX_MESSAGES) {
			return tooManyMessages(reply != null ? "reply" : "internalNote");
		}
		return null;
	}

	private Change change(Complaint current, @Nullable ComplaintStatus next, @Nullable String reply,
			@Nullable String note, @Nullable String remedy, @Nullable String assignee) {
		Instant now = now();
		Update update = new Update().set("updatedAt", now);
		ComplaintStatus status = next != null ? next : current.status();
		if (next != null) {
			update.set("status", next)
				.set("dueAt", Complaint.dueAt(next, current.acknowledgeBy(), current.resolveBy()))
				.set("queueRank", Complaint.queueRank(next, current.urgent()));
			if (current.status() == ComplaintStatus.RECEIVED) {
				update.set("acknowledgedAt", now);
			}
			if (!next.open()) {
				update.set("closedAt", now);
			}
		}
		if (remedy != null) {
			update.set("remedy", remedy);
		}
		if (assignee != null) {
			if (assignee.isEmpty()) {
				update.unset("assignee");
			}
			else {
				update.set("assignee", assignee);
			}
		}
		Complaint.Message replyMessage = reply == null ? null : staffMessage(reply, false, now);
		Complaint.Message noteMessage = note == null ? null : staffMessage(note, true, now);
		Object[] added = Stream.of(replyMessage, noteMessage).filter(Objects::nonNull).toArray();
		if (added.length > 0) {
			update.push("messages").each(added);
		}
		PendingMail mail = mail(current, status, next != null && !next.open(), reply,
				remedy != null ? remedy : current.remedy(), now);
		if (mail != null) {
			MailOutbox.push(update, mail);
		}
		return new Change(update, replyMessage, noteMessage);
	}

	private static Complaint.Message staffMessage(String body, boolean internal, Instant now) {
		return new Complaint.Message(UUID.randomUUID().toString(), MessageAuthor.STAFF, body, internal, now);
	}

	/**
	 * The subject hears of a decision, or else of a reply; the model carries only what the subject
	 * may read, never an internal note. A decision's reply and remedy may each be empty.
	 */
	private static @Nullable PendingMail mail(Complaint current, ComplaintStatus status, boolean decided,
			@Nullable String reply, @Nullable String remedy, Instant now) {
		if (!decided && reply == null) {
			return null;
		}
		Map<String, String> model = new LinkedHashMap<>();
		model.put("complaintId", current.id());
		model.put("summary", current.summary());
		model.put("reply", reply == null ? "" : reply);
		if (decided) {
			model.put("outcome", name(status));
			model.put("remedy", remedy == null ? "" : remedy);
		}
		return PendingMail.of(decided ? MAIL_DECIDED : MAIL_REPLY, current.subjectId(), model, now);
	}

	private void recordAudit(Caller staff, Complaint before, Complaint after, Change change, @Nullable String remedy) {
		String subjectId = before.subjectId();
		String actor = staff.subject();
		if (before.status() != after.status()) {
			audit.record(AuditEntry.byStaff(subjectId, actor, "complaint.status-changed", before.id(),
					Map.of("from", before.status().name(), "to", after.status().name())));
		}
		if (!Objects.equals(before.assignee(), after.assignee())) {
			audit.record(AuditEntry.byStaff(subjectId, actor, "complaint.assigned", before.id(),
					Map.of("from", Objects.requireNonNullElse(before.assignee(), ""),
							"to", Objects.requireNonNullElse(after.assignee(), ""))));
		}
		if (remedy != null) {
			audit.record(AuditEntry.byStaff(subjectId, actor, "complaint.remedy-recorded", before.id(),
					Map.of("remedy", remedy)));
		}
		if (change.reply() != null) {
			audit.record(AuditEntry.byStaff(subjectId, actor, "complaint.replied", before.id(),
					Map.of("messageId", change.reply().id())));
		}
		if (change.note() != null) {
			// the note's text stays out of the trail: it is for staff, and the trail outlives it
			audit.record(AuditEntry.byStaff(subjectId, actor, "complaint.note-added", before.id(),
					Map.of("messageId", change.note().id())));
		}
	}

	/** Applies the update only if the status is still the one it was checked against; null if not. */
	private @Nullable Complaint writeIfStatusIs(Complaint current, Update update) {
		Query query = Query.query(Criteria.where("_id").is(current.id()).and("status").is(current.status()));
		return mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), Complaint.class);
	}

	private static Criteria criteria(@Nullable ComplaintFilter filter, Instant now) {
		List<Criteria> all = new ArrayList<>();
		if (filter != null) {
			if (filter.status() != null && !filter.status().isEmpty()) {
				all.add(Criteria.where("status").in(filter.status()));
			}
			if (filter.category() != null && !filter.category().isEmpty()) {
				all.add(Criteria.where("category").in(filter.category()));
			}
			if (filter.assignee() != null) {
				String assignee = filter.assignee().strip();
				// an empty assignee is how an assignment is cleared, so it also finds the unassigned
				all.add(Criteria.where("assignee").is(assignee.isEmpty() ? null : assignee));
			}
			if (Boolean.TRUE.equals(filter.overdue())) {
				all.add(Criteria.where("status").in(OPEN).and("dueAt").lt(now));
			}
			else if (Boolean.FALSE.equals(filter.overdue())) {
				all.add(new Criteria().orOperator(Criteria.where("status").in(CLOSED),
						Criteria.where("dueAt").gte(now)));
			}
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

	private ComplaintView toView(Complaint complaint) {
		return mapper.toView(complaint, clock.instant());
	}

	private Instant now() {
		return clock.instant();
	}

	private static String requireText(@Nullable String value, int maxLength, List<UserError> errors, String... field) {
		String text = value == null ? "" : value.strip();
		if (text.isEmpty() || text.length() > maxLength) {
			String name = field[field.length - 1];
			errors.add(UserError.invalid(name + " must be 1 to " + maxLength + " characters", field));
		}
		return text;
	}

	private static @Nullable String optionalText(@Nullable String value, int maxLength, List<UserError> errors,
			String... field) {
		return value == null ? null : requireText(value, maxLength, errors, field);
	}

	private static UserError tooManyMessages(String field) {
		return UserError.of(UserErrorCode.LIMIT_REACHED,
				"This conversation has reached " + MAX_MESSAGES + " messages", "input", field);
	}

	private static ComplaintPayload changedMeanwhile() {
		return ComplaintPayload.refused(UserError.of(UserErrorCode.CONFLICT,
				"The complaint changed while this was being saved; reload it and try again", "input"));
	}

	private static String name(ComplaintStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	/** An update with the messages it adds, for the audit trail. */
	private record Change(Update update, Complaint.@Nullable Message reply, Complaint.@Nullable Message note) {
	}

}
