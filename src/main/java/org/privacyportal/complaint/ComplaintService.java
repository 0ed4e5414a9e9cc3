package org.privacyportal.complaint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.complaint.Complaint.Change;
import org.privacyportal.complaint.Complaint.StaffUpdate;
import org.privacyportal.complaint.ComplaintViews.ComplaintFilter;
import org.privacyportal.complaint.ComplaintViews.ComplaintPayload;
import org.privacyportal.complaint.ComplaintViews.ComplaintView;
import org.privacyportal.complaint.ComplaintViews.FileComplaintInput;
import org.privacyportal.complaint.ComplaintViews.ReplyToComplaintInput;
import org.privacyportal.complaint.ComplaintViews.UpdateComplaintInput;
import org.privacyportal.request.RequestDeadlines;
import org.privacyportal.security.Caller;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Complaints (§4, §5): loads a complaint, lets {@link Complaint} decide a change, and saves it with
 * one write made only if the status is still the one the change was decided on; a concurrent
 * change makes it decide again. The mail a change causes is in that same write.
 */
@Service
class ComplaintService {

	/** Open complaints one subject may have at a time. */
	static final int MAX_OPEN = 20;

	private static final List<ComplaintStatus> OPEN = Arrays.stream(ComplaintStatus.values())
		.filter(ComplaintStatus::open)
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
		String summary = ComplaintInputs.requireText(input.summary(), ComplaintInputs.MAX_SUMMARY_LENGTH, errors,
				"input", "summary");
		String description = ComplaintInputs.requireText(input.description(), ComplaintInputs.MAX_TEXT_LENGTH, errors,
				"input", "description");
		if (!errors.isEmpty()) {
			return ComplaintPayload.refused(errors);
		}
		Complaint complaint = null;
		while (complaint == null) {
			Integer slot = freeSlot(subjectId);
			if (slot == null) {
				return ComplaintPayload.refused(UserError.of(UserErrorCode.LIMIT_REACHED,
						new Message("error.complaint.open-limit", MAX_OPEN), "input"));
			}
			try {
				complaint = mongo.insert(Complaint.file(UUID.randomUUID().toString(), subjectId, slot, input.category(),
						summary, description, clock.instant()));
			}
			catch (DuplicateKeyException ex) {
				// a concurrent filing took the slot; each loss means one more slot taken, so this ends
			}
		}
		audit.record(AuditEntry.bySubject(subjectId, "complaint.filed", complaint.id(),
				Map.of("category", complaint.category().name(), "urgent", Boolean.toString(complaint.urgent()))));
		return ComplaintPayload.of(toView(complaint).forSubject());
	}

	/** The lowest slot number no open complaint of the subject holds, unless the open ones reach the limit. */
	private @Nullable Integer freeSlot(String subjectId) {
		Query open = Query.query(Criteria.where("subjectId").is(subjectId).and("status").in(OPEN));
		if (mongo.count(open, Complaint.class) >= MAX_OPEN) {
			return null;
		}
		Set<String> taken = new HashSet<>(mongo.findDistinct(open, "openSlot", Complaint.class, String.class));
		return IntStream.range(0, MAX_OPEN)
			.filter(slot -> !taken.contains(Complaint.openSlot(subjectId, slot)))
			.boxed()
			.findFirst()
			.orElse(null);
	}

	/** The subject's own reply; someone else's complaint is not found, exactly like an unknown one. */
	ComplaintPayload reply(String subjectId, ReplyToComplaintInput input) {
		List<UserError> errors = new ArrayList<>();
		String body = ComplaintInputs.requireText(input.body(), ComplaintInputs.MAX_TEXT_LENGTH, errors, "input",
				"body");
		if (!errors.isEmpty()) {
			return ComplaintPayload.refused(errors);
		}
		Query own = Query.query(Criteria.where("_id").is(input.complaintId()).and("subjectId").is(subjectId));
		return save(() -> mongo.findOne(own, Complaint.class), current -> current.reply(body, clock.instant()),
				(current, written, change) -> {
					audit.record(AuditEntry.bySubject(subjectId, "complaint.replied", current.id(),
							Map.of("messageId", change.reply().id())));
					return toView(written).forSubject();
				});
	}

	/** Staff work on a complaint: any of status, reply, internal note, remedy and assignee at once. */
	ComplaintPayload update(Caller staff, UpdateComplaintInput input) {
		List<UserError> errors = new ArrayList<>();
		StaffUpdate update = ComplaintInputs.staffUpdate(input, errors);
		if (!errors.isEmpty()) {
			return ComplaintPayload.refused(errors);
		}
		return save(() -> mongo.findById(input.id(), Complaint.class),
				current -> current.update(update, clock.instant()), (current, written, change) -> {
					recordAudit(staff, current, written, change, update.remedy());
					return toView(written);
				});
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

	/**
	 * Loads, decides and writes until the write finds the status it was decided on; a complaint
	 * that is not there is not found.
	 */
	private ComplaintPayload save(Supplier<@Nullable Complaint> load, Function<Complaint, Change> decide,
			Saved saved) {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			Complaint current = load.get();
			if (current == null) {
				throw new NotFoundException("complaint");
			}
			Change change = decide.apply(current);
			if (change.refusal() != null) {
				return ComplaintPayload.refused(change.refusal());
			}
			Query unchanged = Query.query(Criteria.where("_id").is(current.id()).and("status").is(current.status()));
			Complaint written = mongo.findAndModify(unchanged, change.update(),
					FindAndModifyOptions.options().returnNew(true), Complaint.class);
			if (written != null) {
				return ComplaintPayload.of(saved.view(current, written, change));
			}
		}
		return ComplaintPayload.refused(UserError.of(UserErrorCode.CONFLICT,
				new Message("error.complaint.changed-meanwhile"), "input"));
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
			Criteria overdue = RequestDeadlines.overdue(filter.overdue(), OPEN, now);
			if (overdue != null) {
				all.add(overdue);
			}
			if (Boolean.TRUE.equals(filter.overdue())) {
				// says "open" again on the field the queue index leads with, so the index skips closed ones
				all.add(Criteria.where("queueRank").in(Complaint.OPEN_RANKS));
			}
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

	private ComplaintView toView(Complaint complaint) {
		return mapper.toView(complaint, clock.instant());
	}

	/** What a saved change is answered with, once recorded in the audit trail. */
	@FunctionalInterface
	private interface Saved {

		ComplaintView view(Complaint before, Complaint after, Change change);

	}

}
