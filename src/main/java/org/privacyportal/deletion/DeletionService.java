package org.privacyportal.deletion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.correction.CorrectionService;
import org.privacyportal.correction.ExtendRequestDeadlinePayload;
import org.privacyportal.correction.RequestDeadlines;
import org.privacyportal.correction.RequestFilter;
import org.privacyportal.correction.RequestStatus;
import org.privacyportal.deletion.DeletionViews.DeletionRequestPayload;
import org.privacyportal.deletion.DeletionViews.DeletionRequestView;
import org.privacyportal.deletion.DeletionViews.ExtendRequestDeadlineInput;
import org.privacyportal.deletion.DeletionViews.RequestDeletionInput;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.security.Caller;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Deletion requests: opened by the subject, cancellable during a 14-day cooling-off period, then
 * executed by {@link DeletionWorker} unless a legal hold defers it. Deadlines follow
 * {@link RequestDeadlines}; extending one is served here for corrections too.
 */
@Service
class DeletionService {

	static final Duration COOLING_OFF = Duration.ofDays(14);

	private final MongoTemplate mongo;

	private final DeletionMapper mapper;

	private final CorrectionService corrections;

	private final AuditService audit;

	private final Clock clock;

	DeletionService(MongoTemplate mongo, DeletionMapper mapper, CorrectionService corrections, AuditService audit,
			Clock clock) {
		this.mongo = mongo;
		this.mapper = mapper;
		this.corrections = corrections;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Opens a request. A subject on legal hold may still ask; the hold only defers the erasure, and
	 * the subject is not told of it.
	 */
	DeletionRequestPayload request(String subjectId, RequestDeletionInput input) {
		String reason = RequestDeadlines.text(input.reason());
		if (reason != null && reason.length() > RequestDeadlines.MAX_TEXT_LENGTH) {
			return new DeletionRequestPayload(null, List.of(UserError
				.invalid("The reason is at most " + RequestDeadlines.MAX_TEXT_LENGTH + " characters", "input", "reason")));
		}
		Instant now = now();
		String id = UUID.randomUUID().toString();
		Instant scheduledFor = now.plus(COOLING_OFF);
		Instant dueAt = now.plus(RequestDeadlines.RESPONSE_TIME);
		PendingMail mail = PendingMail.of("deletion-requested", subjectId, Map.of("requestId", id, "submittedAt",
				now.toString(), "scheduledFor", scheduledFor.toString()), now);
		DeletionRequest request = DeletionRequest.submitted(id, subjectId, reason, now, scheduledFor, dueAt, mail);
		try {
			mongo.insert(request);
		}
		catch (DuplicateKeyException ex) {
			return new DeletionRequestPayload(null, List.of(UserError.of(UserErrorCode.LIMIT_REACHED,
					"A deletion request is already open", "input")));
		}
		audit.record(AuditEntry.bySubject(subjectId, "deletion.requested", id, Map.of("status",
				RequestStatus.PENDING.name(), "scheduledFor", scheduledFor.toString(), "dueAt", dueAt.toString())));
		return new DeletionRequestPayload(mapper.toView(request), List.of());
	}

	/** Only while cooling off, and never once a worker has taken the request. */
	DeletionRequestPayload cancel(String subjectId, String id) {
		DeletionRequest request = mongo.findById(id, DeletionRequest.class);
		if (request == null || !request.subjectId().equals(subjectId)) {
			throw new NotFoundException("Deletion request");
		}
		Instant now = now();
		Query coolingOff = Query.query(new Criteria().andOperator(
				Criteria.where("_id").is(id).and("status").is(RequestStatus.PENDING).and("scheduledFor").gt(now),
				new Criteria().orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now))));
		Update update = MailOutbox.push(
				Update.update("status", RequestStatus.CANCELLED).set("cancelledAt", now).set("openKey", id),
				PendingMail.of("deletion-cancelled", subjectId, Map.of("requestId", id, "cancelledAt", now.toString()),
						now));
		DeletionRequest cancelled = mongo.findAndModify(coolingOff, update, FindAndModifyOptions.options().returnNew(true),
				DeletionRequest.class);
		if (cancelled == null) {
			return new DeletionRequestPayload(null, List.of(UserError.of(UserErrorCode.CONFLICT,
					request.status() == RequestStatus.PENDING
							? "The cooling-off period is over; the deletion can no longer be cancelled"
							: "Only an open request can be cancelled",
					"id")));
		}
		audit.record(AuditEntry.bySubject(subjectId, "deletion.cancelled", id,
				Map.of("before", RequestStatus.PENDING.name(), "after", RequestStatus.CANCELLED.name())));
		return new DeletionRequestPayload(mapper.toView(cancelled), List.of());
	}

	/** The subject's open request, if any. */
	@Nullable DeletionRequestView open(String subjectId) {
		DeletionRequest request = mongo.findOne(
				Query.query(Criteria.where("openKey").is(subjectId).and("status").in(RequestStatus.OPEN)),
				DeletionRequest.class);
		return request == null ? null : mapper.toView(request);
	}

	/** The staff queue, oldest due first. */
	Window<DeletionRequestView> queue(@Nullable RequestFilter filter, Page page) {
		Query query = Query.query(RequestFilter.criteria(filter, now()))
			.with(Sort.by(Sort.Direction.ASC, "dueAt", "id"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, DeletionRequest.class).map(mapper::toView);
	}

	long count(@Nullable RequestFilter filter) {
		return mongo.count(Query.query(RequestFilter.criteria(filter, now())), DeletionRequest.class);
	}

	/** Extends a correction's or a deletion's deadline once; the id says which. */
	ExtendRequestDeadlinePayload extendDeadline(Caller staff, ExtendRequestDeadlineInput input) {
		List<UserError> errors = RequestDeadlines.checkExtension(input.days(), input.reason());
		if (!errors.isEmpty()) {
			return new ExtendRequestDeadlinePayload(null, errors);
		}
		DeletionRequest request = mongo.findById(input.requestId(), DeletionRequest.class);
		if (request == null) {
			return corrections.extendDeadline(staff, input.requestId(), input.days(), input.reason())
				.orElseThrow(() -> new NotFoundException("Request"));
		}
		if (request.extendedAt() != null) {
			return ExtendRequestDeadlinePayload.refused(alreadyExtended());
		}
		Instant now = now();
		String reason = RequestDeadlines.text(input.reason());
		Instant dueAt = request.dueAt().plus(Duration.ofDays(input.days()));
		Query query = Query.query(Criteria.where("_id")
			.is(request.id())
			.and("status")
			.in(RequestStatus.OPEN)
			.and("extendedAt")
			.is(null)
			.and("dueAt")
			.is(request.dueAt()));
		Update update = MailOutbox.push(
				Update.update("dueAt", dueAt).set("extendedAt", now).set("extensionReason", reason),
				RequestDeadlines.extensionMail(request.subjectId(), request.id(), "deletion", dueAt, reason, now));
		if (mongo.updateFirst(query, update, DeletionRequest.class).getModifiedCount() == 0) {
			DeletionRequest latest = mongo.findById(request.id(), DeletionRequest.class);
			return ExtendRequestDeadlinePayload.refused(latest != null && latest.extendedAt() != null ? alreadyExtended()
					: UserError.of(UserErrorCode.CONFLICT, "Only an open request has a deadline to extend", "input",
							"requestId"));
		}
		audit.record(AuditEntry.byStaff(request.subjectId(), staff.subject(), "deletion.deadline-extended", request.id(),
				Map.of("before", request.dueAt().toString(), "after", dueAt.toString(), "reason", reason)));
		return new ExtendRequestDeadlinePayload(dueAt, List.of());
	}

	private static UserError alreadyExtended() {
		return UserError.of(UserErrorCode.NOT_ALLOWED, "The deadline was already extended once", "input", "requestId");
	}

	private Instant now() {
		return clock.instant();
	}

}
