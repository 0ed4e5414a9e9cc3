package org.privacyportal.deletion;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.request.RequestStatus;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.subject.SubjectService;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Executes deletion requests whose cooling-off period is over. A request is claimed with a lease
 * ({@code findAndModify} on status and lease expiry), so two instances never erase the same subject
 * at once and a run that stopped halfway is taken over when its lease runs out. Erasing means
 * calling every {@link PersonalDataEraser} (in their {@code @Order}); they are idempotent, so a
 * taken-over run simply calls them all again. A legal hold defers the request until it is released.
 */
@Component
class DeletionWorker {

	private static final Logger log = LoggerFactory.getLogger(DeletionWorker.class);

	private final MongoTemplate mongo;

	private final SubjectService subjects;

	private final List<PersonalDataEraser> erasers;

	private final AuditService audit;

	private final DeletionProperties properties;

	private final Clock clock;

	DeletionWorker(MongoTemplate mongo, SubjectService subjects, List<PersonalDataEraser> erasers, AuditService audit,
			DeletionProperties properties, Clock clock) {
		this.mongo = mongo;
		this.subjects = subjects;
		this.erasers = erasers;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${portal.deletion.sweep-interval:PT1M}",
			initialDelayString = "${portal.deletion.sweep-interval:PT1M}")
	@SchedulerLock(name = "deletion-execution")
	void sweep() {
		executeDue();
	}

	/** Executes every due request that is not held or taken; answers how many were completed. */
	public int executeDue() {
		String owner = UUID.randomUUID().toString();
		Set<String> passedOver = new HashSet<>();
		int completed = 0;
		DeletionRequest request;
		while ((request = claim(owner, passedOver)) != null) {
			passedOver.add(request.id());
			try {
				if (execute(request, owner)) {
					completed++;
				}
			}
			catch (RuntimeException ex) {
				// the lease stays until it runs out, then a later sweep runs every eraser again
				log.error("Deletion request {} failed; it is retried after its lease", request.id(), ex);
			}
		}
		return completed;
	}

	private @Nullable DeletionRequest claim(String owner, Set<String> passedOver) {
		Instant now = now();
		Query due = Query.query(new Criteria().andOperator(
				Criteria.where("status").is(RequestStatus.PENDING).and("scheduledFor").lte(now).and("_id").nin(passedOver),
				new Criteria().orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now))))
			.with(Sort.by("scheduledFor", "id"));
		Update lease = Update.update("leaseOwner", owner).set("leaseUntil", now.plus(properties.lease())).inc("attempts", 1);
		return mongo.findAndModify(due, lease, FindAndModifyOptions.options().returnNew(true), DeletionRequest.class);
	}

	private boolean execute(DeletionRequest request, String owner) {
		String subjectId = request.subjectId();
		if (!subjects.beginErasure(subjectId)) {
			defer(request, owner);
			return false;
		}
		keepContactEmail(request, owner);
		Set<String> collections = new TreeSet<>();
		for (PersonalDataEraser eraser : erasers) {
			eraser.erase(subjectId);
			collections.addAll(eraser.collections());
		}
		return complete(request, owner, collections);
	}

	/** Once per request the deferral goes to the audit trail; the lease is given up either way. */
	private void defer(DeletionRequest request, String owner) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(request.id()).and("leaseOwner").is(owner)),
				new Update().unset("leaseOwner").unset("leaseUntil"), DeletionRequest.class);
		Query firstTime = Query.query(Criteria.where("_id").is(request.id()).and("deferredAt").is(null));
		if (mongo.updateFirst(firstTime, Update.update("deferredAt", now()), DeletionRequest.class)
			.getModifiedCount() == 1) {
			audit.record(AuditEntry.bySystem(request.subjectId(), "deletion.deferred", request.id(),
					Map.of("blockedBy", DeletionBlocker.LEGAL_HOLD.name())));
		}
	}

	/** Before the profile is emptied; a taken-over run finds the address already kept. */
	private void keepContactEmail(DeletionRequest request, String owner) {
		if (request.contactEmail() != null) {
			return;
		}
		String email = subjects.find(request.subjectId()).map(s -> s.profile().email()).orElse(null);
		if (email != null) {
			mongo.updateFirst(
					Query.query(Criteria.where("_id").is(request.id()).and("leaseOwner").is(owner).and("contactEmail").is(null)),
					Update.update("contactEmail", email), DeletionRequest.class);
		}
	}

	private boolean complete(DeletionRequest request, String owner, Set<String> collections) {
		Instant now = now();
		DeletionRequest current = mongo.findById(request.id(), DeletionRequest.class);
		Query leased = Query.query(
				Criteria.where("_id").is(request.id()).and("status").is(RequestStatus.PENDING).and("leaseOwner").is(owner));
		Update update = Update.update("status", RequestStatus.COMPLETED)
			.set("completedAt", now)
			.set("openKey", request.id())
			.unset("leaseOwner")
			.unset("leaseUntil")
			.unset("contactEmail")
			.unset("reason");
		if (current != null && current.contactEmail() != null) {
			// the profile is gone by now, so the completion mail carries the address it had; a subject who
			// never gave one has no one to tell
			MailOutbox.push(update, PendingMail.toAddress(current.contactEmail(), "deletion-completed",
					request.subjectId(), Map.of("requestId", request.id(), "completedAt", now.toString()), now));
		}
		if (mongo.updateFirst(leased, update, DeletionRequest.class).getModifiedCount() == 0) {
			// the lease ran out and another run took the request over; it completes it
			return false;
		}
		// no details: a re-run of the audit eraser then finds nothing to change in this event either
		audit.record(AuditEntry.bySystem(request.subjectId(), "deletion.completed", request.id(), Map.of()));
		log.info("Deletion request {} completed: erased the subject's data in {}", request.id(), collections);
		return true;
	}

	private Instant now() {
		return clock.instant();
	}

}
