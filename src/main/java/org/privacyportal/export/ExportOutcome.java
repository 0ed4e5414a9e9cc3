package org.privacyportal.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.store.Leases;
import org.privacyportal.store.Leases.Lease;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Closes a claimed export as READY or FAILED in one write conditional on the claim, which also
 * gives up the lease and queues the mail, and then records it in the audit trail. There is no
 * transaction, so the write also names the event still to record ({@code pendingAudit}): a worker
 * that dies in between leaves it to {@link #recordPending()}, and the event is recorded once.
 */
final class ExportOutcome {

	/** The contract's retention of a READY export. */
	static final Duration RETENTION = Duration.ofDays(7);

	private static final String PENDING_AUDIT = "pendingAudit";

	private static final String READY_EVENT = "export.ready";

	private static final String FAILED_EVENT = "export.failed";

	private static final Logger log = LoggerFactory.getLogger(ExportOutcome.class);

	private final MongoTemplate mongo;

	private final Leases<DataExport> leases;

	private final ExportFiles files;

	private final AuditService audit;

	private final ExportUpdates updates;

	private final Clock clock;

	ExportOutcome(MongoTemplate mongo, Leases<DataExport> leases, ExportFiles files, AuditService audit,
			ExportUpdates updates, Clock clock) {
		this.mongo = mongo;
		this.leases = leases;
		this.files = files;
		this.audit = audit;
		this.updates = updates;
		this.clock = clock;
	}

	void started(DataExport export, String worker) {
		audit.record(AuditEntry.bySystem(export.subjectId(), "export.started", export.id(),
				Map.of("attempt", Integer.toString(export.attempts()), "worker", worker)));
		updates.changed(export.id());
	}

	/** Back to the queue until {@code until}, without counting the claim as an attempt. */
	void awaitSystems(Lease<DataExport> lease, Instant until) {
		leases.release(lease,
				Update.update("status", ExportStatus.PENDING).set("systemsAwaitedUntil", until).inc("attempts", -1));
	}

	void ready(Lease<DataExport> lease, long size) {
		if (closeReady(lease, size)) {
			recordPending(lease.id());
		}
	}

	/**
	 * READY, the mail and the audit event still to record, in one write that gives up the lease; false
	 * when the lease was lost.
	 */
	boolean closeReady(Lease<DataExport> lease, long size) {
		DataExport export = lease.work();
		Instant now = clock.instant();
		Instant expiresAt = now.plus(RETENTION);
		Update update = Update.update("status", ExportStatus.READY)
			.set("fileId", DataExport.fileId(export.id(), export.attempts()))
			.set("sizeBytes", size)
			.set("completedAt", now)
			.set("expiresAt", expiresAt)
			.set(PENDING_AUDIT, READY_EVENT)
			.unset("openSlot");
		// the mail says where to find the export after signing in; it never carries a link
		MailOutbox.push(update, PendingMail.of("export-ready", export.subjectId(), Map.of("exportId", export.id(),
				"format", export.format().name(), "expiresAt", expiresAt.toString()), now));
		if (!leases.release(lease, update)) {
			// taken over, or erased, while the file was written: this file is nobody's
			files.deleteAttempts(export.id(), export.attempts(), export.attempts());
			log.info("Exports: export {} was taken over or erased before it was finished", export.id());
			return false;
		}
		return true;
	}

	void failed(Lease<DataExport> lease, String reason) {
		Update update = Update.update("status", ExportStatus.FAILED)
			.set("failureReason", reason)
			.set("completedAt", clock.instant())
			.set(PENDING_AUDIT, FAILED_EVENT)
			.unset("openSlot");
		if (leases.release(lease, update)) {
			recordPending(lease.id());
		}
	}

	/** Records the closings whose worker stopped before it recorded them (on any instance). */
	void recordPending() {
		mongo.find(Query.query(Criteria.where(PENDING_AUDIT).exists(true)), DataExport.class).forEach(this::record);
	}

	private void recordPending(String exportId) {
		DataExport closed = mongo.findById(exportId, DataExport.class);
		if (closed != null && closed.pendingAudit() != null) {
			record(closed);
		}
	}

	/** Once, even when two instances find the same closing; then the export no longer waits for it. */
	private void record(DataExport closed) {
		Map<String, String> details = READY_EVENT.equals(closed.pendingAudit())
				? Map.of("format", closed.format().name(), "sizeBytes", String.valueOf(closed.sizeBytes()))
				: Map.of("reason", String.valueOf(closed.failureReason()));
		audit.recordOnce(AuditEntry.bySystem(closed.subjectId(), closed.pendingAudit(), closed.id(), details));
		mongo.updateFirst(Query.query(Criteria.where("_id").is(closed.id())), new Update().unset(PENDING_AUDIT),
				DataExport.class);
		updates.changed(closed.id());
	}

}
