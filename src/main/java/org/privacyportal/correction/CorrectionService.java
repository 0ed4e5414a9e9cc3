package org.privacyportal.correction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.correction.CorrectionViews.CorrectionRequestPayload;
import org.privacyportal.correction.CorrectionViews.CorrectionRequestView;
import org.privacyportal.correction.CorrectionViews.ReviewCorrectionRequestInput;
import org.privacyportal.correction.CorrectionViews.ReviewDecision;
import org.privacyportal.correction.CorrectionViews.SubmitCorrectionRequestInput;
import org.privacyportal.correction.CorrectionViews.SubmitCorrectionRequestPayload;
import org.privacyportal.request.RequestDeadlines;
import org.privacyportal.request.RequestFilter;
import org.privacyportal.request.RequestService;
import org.privacyportal.request.RequestStatus;
import org.privacyportal.security.Caller;
import org.privacyportal.store.Leases;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.subject.SubjectViews.ProfileChange;

import org.privacyportal.notification.MailOutbox;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Correction requests: submitted by the subject, answered by staff within 30 days. Each status
 * change is one conditional update on the status, so two decisions never both win, and carries its
 * mail in the same write. An approval changes the request first and the profile second; an approval
 * interrupted in between is finished by {@link #applyInterruptedApprovals()}.
 */
@Service
public class CorrectionService {

	/** How long an approval may be in flight before the repair sweep finishes it. */
	static final Duration APPROVAL_GRACE = Duration.ofMinutes(1);

	private final MongoTemplate mongo;

	private final CorrectionMapper mapper;

	private final SubjectService subjects;

	private final RequestService requests;

	private final AuditService audit;

	private final Clock clock;

	private final Leases<CorrectionRequest> repairs;

	CorrectionService(MongoTemplate mongo, CorrectionMapper mapper, SubjectService subjects, RequestService requests,
			AuditService audit, Clock clock) {
		this.mongo = mongo;
		this.mapper = mapper;
		this.subjects = subjects;
		this.requests = requests;
		this.audit = audit;
		this.clock = clock;
		this.repairs = new Leases<>(mongo, CorrectionRequest.class, APPROVAL_GRACE, clock);
	}

	SubmitCorrectionRequestPayload submit(String subjectId, SubmitCorrectionRequestInput input) {
		List<UserError> errors = new ArrayList<>();
		ProposedValues.Checked proposed = ProposedValues.check(input.field(), input.proposedValue());
		errors.addAll(proposed.errors());
		String reason = RequestDeadlines.text(input.reason());
		UserError longReason = RequestDeadlines.tooLong(reason, "input", "reason");
		if (longReason != null) {
			errors.add(longReason);
		}
		if (!errors.isEmpty()) {
			return new SubmitCorrectionRequestPayload(null, errors);
		}
		String current = subjects.profileValue(subjectId, input.field());
		if (proposed.value().equals(current)) {
			return new SubmitCorrectionRequestPayload(null,
					List.of(UserError.invalid(new Message("error.correction.same-value"), "input", "proposedValue")));
		}
		Instant now = now();
		String id = UUID.randomUUID().toString();
		CorrectionRequest request = CorrectionRequest.submitted(id, subjectId, input.field(), current, proposed.value(),
				reason, now);
		try {
			mongo.insert(request);
		}
		catch (DuplicateKeyException ex) {
			return new SubmitCorrectionRequestPayload(null, List.of(UserError.of(UserErrorCode.LIMIT_REACHED,
					new Message("error.correction.pending"), "input", "field")));
		}
		audit.record(AuditEntry.bySubject(subjectId, "correction.submitted", id,
				details("field", input.field().name(), "current", current, "proposed", proposed.value(), "status",
						RequestStatus.PENDING.name())));
		return new SubmitCorrectionRequestPayload(mapper.toView(request), List.of());
	}

	CorrectionRequestPayload cancel(String subjectId, String id) {
		CorrectionRequest request = mongo.findById(id, CorrectionRequest.class);
		if (request == null || !request.subjectId().equals(subjectId)) {
			throw new NotFoundException("correction-request");
		}
		Instant now = now();
		CorrectionRequest cancelled = transition(id,
				Update.update("status", RequestStatus.CANCELLED).set("closedAt", now).set("openKey", id));
		if (cancelled == null) {
			return new CorrectionRequestPayload(null, List.of(UserError.of(UserErrorCode.CONFLICT,
					new Message("error.correction.not-pending"), "id")));
		}
		audit.record(AuditEntry.bySubject(subjectId, "correction.cancelled", id,
				details("field", request.field().name(), "before", RequestStatus.PENDING.name(), "after",
						RequestStatus.CANCELLED.name())));
		return new CorrectionRequestPayload(mapper.toView(cancelled), List.of());
	}

	CorrectionRequestPayload review(Caller staff, ReviewCorrectionRequestInput input) {
		String note = RequestDeadlines.text(input.note());
		if (input.decision() == ReviewDecision.REJECT && note == null) {
			return new CorrectionRequestPayload(null,
					List.of(UserError.invalid(new Message("error.correction.rejection-note"), "input", "note")));
		}
		UserError longNote = RequestDeadlines.tooLong(note, "input", "note");
		if (longNote != null) {
			return new CorrectionRequestPayload(null, List.of(longNote));
		}
		CorrectionRequest request = mongo.findById(input.id(), CorrectionRequest.class);
		if (request == null) {
			throw new NotFoundException("correction-request");
		}
		RequestStatus decided = input.decision() == ReviewDecision.APPROVE ? RequestStatus.APPROVED
				: RequestStatus.REJECTED;
		Instant now = now();
		Update update = Update.update("status", decided)
			.set("decidedAt", now)
			.set("decidedBy", staff.subject())
			.set("decisionNote", note)
			.set("closedAt", now)
			.set("openKey", request.id());
		MailOutbox.push(update, CorrectionMail.decided(request, decided, note, now));
		CorrectionRequest result = transition(request.id(), update);
		if (result == null) {
			return new CorrectionRequestPayload(null, List.of(UserError.of(UserErrorCode.CONFLICT,
					new Message("error.correction.decided"), "input", "id")));
		}
		if (decided == RequestStatus.APPROVED) {
			apply(result, staff.subject());
		}
		else {
			audit.record(AuditEntry.byStaff(result.subjectId(), staff.subject(), "correction.rejected", result.id(),
					details("field", result.field().name(), "before", RequestStatus.PENDING.name(), "after",
							RequestStatus.REJECTED.name(), "note", note)));
		}
		return new CorrectionRequestPayload(mapper.toView(result), List.of());
	}

	/**
	 * Approvals whose profile change did not happen (the instance stopped in between) are applied
	 * here, by the system, each under a lease; the erasure of a subject ends this for their requests.
	 */
	@Scheduled(fixedDelayString = "${portal.correction.repair-interval:PT5M}",
			initialDelayString = "${portal.correction.repair-interval:PT5M}")
	@SchedulerLock(name = "correction-approval-repair")
	public void applyInterruptedApprovals() {
		Criteria interrupted = Criteria.where("status")
			.is(RequestStatus.APPROVED)
			.and("appliedAt")
			.is(null)
			.and("erasedAt")
			.is(null)
			.and("decidedAt")
			.lt(now().minus(APPROVAL_GRACE));
		repairs.claimEach(interrupted, Sort.by("decidedAt"), lease -> {
			apply(lease.work(), null);
			repairs.release(lease, new Update());
		});
	}

	/** The subject's requests, newest first. */
	Window<CorrectionRequestView> ofSubject(String subjectId, Page page) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId))
			.with(Sort.by(Sort.Direction.DESC, "submittedAt", "id"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, CorrectionRequest.class).map(mapper::toView);
	}

	long countOfSubject(String subjectId) {
		return mongo.count(Query.query(Criteria.where("subjectId").is(subjectId)), CorrectionRequest.class);
	}

	/** The staff queue, oldest due first. */
	Window<CorrectionRequestView> queue(@Nullable RequestFilter filter, Page page) {
		return requests.queue(CorrectionRequest.class, filter, page).map(mapper::toView);
	}

	long count(@Nullable RequestFilter filter) {
		return requests.count(CorrectionRequest.class, filter);
	}

	/** Writes an approved value to the profile and records both values; by the system when staff is null. */
	private void apply(CorrectionRequest request, @Nullable String staff) {
		Optional<ProfileChange> change = subjects.applyCorrection(request.subjectId(), request.field(),
				request.proposedValue());
		if (change.isEmpty()) {
			// the subject's erasure has begun: the value must not come back, and the eraser empties the request
			return;
		}
		Map<String, String> details = details("field", request.field().name(), "before", change.get().before(),
				"after", change.get().after(), "status", RequestStatus.APPROVED.name());
		audit.record(staff != null
				? AuditEntry.byStaff(request.subjectId(), staff, "correction.approved", request.id(), details)
				: AuditEntry.bySystem(request.subjectId(), "correction.applied", request.id(), details));
		mongo.updateFirst(Query.query(Criteria.where("_id").is(request.id()).and("appliedAt").is(null)),
				Update.update("appliedAt", now()), CorrectionRequest.class);
	}

	/** One conditional update from PENDING; null when the request is no longer pending. */
	private @Nullable CorrectionRequest transition(String id, Update update) {
		return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("status").is(RequestStatus.PENDING)),
				update, FindAndModifyOptions.options().returnNew(true), CorrectionRequest.class);
	}

	private Instant now() {
		return clock.instant();
	}

	/** Audit details from key/value pairs; absent values are left out. */
	private static Map<String, String> details(@Nullable String... pairs) {
		Map<String, String> details = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				details.put(pairs[i], pairs[i + 1]);
			}
		}
		return details;
	}

}
