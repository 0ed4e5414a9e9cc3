package org.privacyportal.deletion;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.request.RequestStatus;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.store.Leases;
import org.privacyportal.store.Leases.Lease;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.system.SystemTasks;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Executes deletion requests whose cooling-off period is over. It runs from {@code @Scheduled} on
 * every instance, without ShedLock: each request is claimed through a {@link Leases lease}, so two
 * runs never erase the same subject at once and a run that stopped halfway is taken over when its
 * lease runs out (a lock left by a killed instance held every sweep back for its five minutes).
 * Erasing means calling every {@link PersonalDataEraser} (in their {@code @Order}); they are
 * idempotent, so a taken-over run simply calls them all again. A legal hold defers the request until
 * it is released, and with it the data systems' tasks, which are made only once the erasure begins;
 * the request completes once every ERASURE system confirmed or staff completed its task.
 */
@Component
class DeletionWorker {

	private static final Logger log = LoggerFactory.getLogger(DeletionWorker.class);

	private final MongoTemplate mongo;

	private final SubjectService subjects;

	private final List<PersonalDataEraser> erasers;

	private final AuditService audit;

	private final SystemTasks systems;

	private final Leases<DeletionRequest> leases;

	private final Clock clock;

	DeletionWorker(MongoTemplate mongo, SubjectService subjects, List<PersonalDataEraser> erasers, AuditService audit,
			SystemTasks systems, DeletionProperties properties, Clock clock) {
		this.systems = systems;
		this.mongo = mongo;
		this.subjects = subjects;
		this.erasers = erasers;
		this.audit = audit;
		this.leases = new Leases<>(mongo, DeletionRequest.class, properties.lease(), clock);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${portal.deletion.sweep-interval:PT1M}",
			initialDelayString = "${portal.deletion.sweep-interval:PT1M}")
	void sweep() {
		executeDue();
	}

	/** Executes every due request that is not held or taken; answers how many were completed. */
	public int executeDue() {
		Criteria due = Criteria.where("status").is(RequestStatus.PENDING).and("scheduledFor").lte(clock.instant());
		AtomicInteger completed = new AtomicInteger();
		leases.claimEach(due, Sort.by("scheduledFor", "id"), lease -> {
			try {
				if (execute(lease)) {
					completed.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				// the lease stays until it runs out, then a later sweep runs every eraser again
				log.error("Deletion request {} failed; it is retried after its lease", lease.id(), ex);
			}
		});
		return completed.get();
	}

	private boolean execute(Lease<DeletionRequest> lease) {
		String subjectId = lease.work().subjectId();
		if (!subjects.beginErasure(subjectId)) {
			defer(lease);
			return false;
		}
		keepContactEmail(lease);
		systems.erasureRequested(subjectId, lease.work().id());
		Set<String> collections = new TreeSet<>();
		for (PersonalDataEraser eraser : erasers) {
			eraser.erase(subjectId);
			collections.addAll(eraser.collections());
		}
		if (!systems.erasureSettled(lease.work().id())) {
			// the next sweep erases again (nothing is left to change) and looks at the systems again
			leases.release(lease, new Update());
			return false;
		}
		return complete(lease, collections);
	}

	/** Once per request the deferral goes to the audit trail; the lease is given up either way. */
	private void defer(Lease<DeletionRequest> lease) {
		DeletionRequest request = lease.work();
		leases.release(lease, new Update());
		Query firstTime = Query.query(Criteria.where("_id").is(request.id()).and("deferredAt").is(null));
		if (mongo.updateFirst(firstTime, Update.update("deferredAt", clock.instant()), DeletionRequest.class)
			.getModifiedCount() == 1) {
			audit.record(AuditEntry.bySystem(request.subjectId(), "deletion.deferred", request.id(),
					Map.of("blockedBy", DeletionBlocker.LEGAL_HOLD.name())));
		}
	}

	/** Before the profile is emptied; a taken-over run finds the address already kept. */
	private void keepContactEmail(Lease<DeletionRequest> lease) {
		DeletionRequest request = lease.work();
		if (request.contactEmail() != null) {
			return;
		}
		String email = subjects.find(request.subjectId()).map(s -> s.profile().email()).orElse(null);
		if (email != null) {
			leases.write(lease, Update.update("contactEmail", email));
		}
	}

	private boolean complete(Lease<DeletionRequest> lease, Set<String> collections) {
		DeletionRequest request = lease.work();
		Instant now = clock.instant();
		DeletionRequest current = mongo.findById(request.id(), DeletionRequest.class);
		Update update = Update.update("status", RequestStatus.COMPLETED)
			.set("completedAt", now)
			.set("openKey", request.id())
			.unset("contactEmail")
			.unset("reason");
		if (current != null && current.contactEmail() != null) {
			// the profile is gone by now, so the completion mail carries the address it had; a subject who
			// never gave one has no one to tell
			MailOutbox.push(update, PendingMail.toAddress(current.contactEmail(), "deletion-completed",
					request.subjectId(), Map.of("requestId", request.id(), "completedAt", now.toString()), now));
		}
		// before the request is COMPLETED, and once: a run that stops in between leaves the request to a
		// later run, which finds the event recorded. No details, so a re-run of the audit eraser finds
		// nothing to change in it either
		audit.recordOnce(AuditEntry.bySystem(request.subjectId(), "deletion.completed", request.id(), Map.of()));
		if (!leases.release(lease, update)) {
			// the lease ran out and another run took the request over; it completes it
			return false;
		}
		log.info("Deletion request {} completed: erased the subject's data in {}", request.id(), collections);
		return true;
	}

}
