package org.privacyportal.deletion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.deletion.DeletionViews.DeletionRequestPayload;
import org.privacyportal.deletion.DeletionViews.DeletionRequestView;
import org.privacyportal.deletion.DeletionViews.RequestDeletionInput;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.request.RequestDeadlines;
import org.privacyportal.request.RequestFilter;
import org.privacyportal.request.RequestService;
import org.privacyportal.request.RequestStatus;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Deletion requests: opened by the subject, cancellable during a 14-day cooling-off period (the default
 * of {@code portal.deletion.cooling-off}), then
 * executed by {@link DeletionWorker} unless a legal hold defers it. Deadlines follow
 * {@link RequestDeadlines}.
 */
@Service
class DeletionService {

	private final MongoTemplate mongo;

	private final DeletionMapper mapper;

	private final RequestService requests;

	private final AuditService audit;

	private final Duration coolingOff;

	private final Clock clock;

	DeletionService(MongoTemplate mongo, DeletionMapper mapper, RequestService requests, AuditService audit,
			DeletionProperties properties, Clock clock) {
		this.mongo = mongo;
		this.coolingOff = properties.coolingOff();
		this.mapper = mapper;
		this.requests = requests;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Opens a request. A subject on legal hold may still ask; the hold only defers the erasure, and
	 * the subject is not told of it.
	 */
	DeletionRequestPayload request(String subjectId, RequestDeletionInput input) {
		String reason = RequestDeadlines.text(input.reason());
		UserError longReason = RequestDeadlines.tooLong(reason, "input", "reason");
		if (longReason != null) {
			return new DeletionRequestPayload(null, List.of(longReason));
		}
		DeletionRequest request = DeletionRequest.requested(UUID.randomUUID().toString(), subjectId, reason, now(),
				coolingOff);
		try {
			mongo.insert(request);
		}
		catch (DuplicateKeyException ex) {
			return new DeletionRequestPayload(null, List.of(UserError.of(UserErrorCode.LIMIT_REACHED,
					new Message("error.deletion.open"), "input")));
		}
		audit.record(AuditEntry.bySubject(subjectId, "deletion.requested", request.id(), Map.of("status",
				RequestStatus.PENDING.name(), "scheduledFor", request.scheduledFor().toString(), "dueAt",
				request.dueAt().toString())));
		return new DeletionRequestPayload(mapper.toView(request), List.of());
	}

	/** Only while cooling off, and never once a worker has taken the request. */
	DeletionRequestPayload cancel(String subjectId, String id) {
		DeletionRequest request = mongo.findById(id, DeletionRequest.class);
		if (request == null || !request.subjectId().equals(subjectId)) {
			throw new NotFoundException("deletion-request");
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
					new Message(request.status() == RequestStatus.PENDING ? "error.deletion.cooling-off-over"
							: "error.deletion.not-open"),
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
		return requests.queue(DeletionRequest.class, filter, page).map(mapper::toView);
	}

	long count(@Nullable RequestFilter filter) {
		return requests.count(DeletionRequest.class, filter);
	}

	private Instant now() {
		return clock.instant();
	}

}
