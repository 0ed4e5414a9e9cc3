package org.privacyportal.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.request.RequestViews.ExtendRequestDeadlineInput;
import org.privacyportal.request.RequestViews.ExtendRequestDeadlinePayload;
import org.privacyportal.security.Caller;

import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * What every {@link RequestKind} shares: the staff queue, oldest due first, and the one deadline
 * extension. An extension is one update conditional on the request being open, unextended and due
 * when it was read, so two extensions never both win; it carries its mail in the same write.
 */
@Service
public class RequestService {

	private final MongoTemplate mongo;

	private final List<RequestKind> kinds;

	private final AuditService audit;

	private final Clock clock;

	RequestService(MongoTemplate mongo, List<RequestKind> kinds, AuditService audit, Clock clock) {
		this.mongo = mongo;
		this.kinds = kinds;
		this.audit = audit;
		this.clock = clock;
	}

	/** The staff queue of one kind of request, oldest due first. */
	public <T> Window<T> queue(Class<T> document, @Nullable RequestFilter filter, Page page) {
		Query query = Query.query(RequestFilter.criteria(filter, clock.instant()))
			.with(Sort.by(Sort.Direction.ASC, "dueAt", "id"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, document);
	}

	public long count(Class<?> document, @Nullable RequestFilter filter) {
		return mongo.count(Query.query(RequestFilter.criteria(filter, clock.instant())), document);
	}

	/** Extends an open request's deadline once; the id says which kind it is. */
	ExtendRequestDeadlinePayload extendDeadline(Caller staff, ExtendRequestDeadlineInput input) {
		List<UserError> errors = RequestDeadlines.checkExtension(input.days(), input.reason());
		if (!errors.isEmpty()) {
			return new ExtendRequestDeadlinePayload(null, errors);
		}
		for (RequestKind kind : kinds) {
			Deadline request = find(kind, input.requestId());
			if (request != null) {
				return extend(staff, kind, request, input.days(), RequestDeadlines.text(input.reason()));
			}
		}
		throw new NotFoundException("request");
	}

	private ExtendRequestDeadlinePayload extend(Caller staff, RequestKind kind, Deadline request, int days,
			String reason) {
		if (request.extendedAt() != null) {
			return ExtendRequestDeadlinePayload.refused(alreadyExtended());
		}
		Instant now = clock.instant();
		Instant dueAt = request.dueAt().plus(Duration.ofDays(days));
		Query unchanged = Query.query(Criteria.where("_id")
			.is(request.id())
			.and("status")
			.in(RequestStatus.OPEN)
			.and("extendedAt")
			.is(null)
			.and("dueAt")
			.is(request.dueAt()));
		Update update = MailOutbox.push(
				Update.update("dueAt", dueAt).set("extendedAt", now).set("extensionReason", reason),
				RequestDeadlines.extensionMail(request.subjectId(), request.id(), kind.name(), dueAt, reason, now));
		if (mongo.updateFirst(unchanged, update, kind.document()).getModifiedCount() == 0) {
			Deadline latest = find(kind, request.id());
			return ExtendRequestDeadlinePayload.refused(latest != null && latest.extendedAt() != null ? alreadyExtended()
					: UserError.of(UserErrorCode.CONFLICT, new Message("error.request.not-open"), "input",
							"requestId"));
		}
		audit.record(AuditEntry.byStaff(request.subjectId(), staff.subject(), kind.name() + ".deadline-extended",
				request.id(), Map.of("before", request.dueAt().toString(), "after", dueAt.toString(), "reason", reason)));
		return new ExtendRequestDeadlinePayload(dueAt, List.of());
	}

	private @Nullable Deadline find(RequestKind kind, String id) {
		return mongo.findById(id, Deadline.class, mongo.getCollectionName(kind.document()));
	}

	private static UserError alreadyExtended() {
		return UserError.of(UserErrorCode.NOT_ALLOWED, new Message("error.request.extended-once"), "input",
				"requestId");
	}

	/** The part of a request its deadline is. */
	private record Deadline(String id, String subjectId, Instant dueAt, @Nullable Instant extendedAt) {
	}

}
