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

import org.springframework.data.mongodb.core.query.Update;

/**
 * Closes a claimed export as READY or FAILED in one write conditional on the claim, which also
 * gives up the lease, and records it in the audit trail.
 */
final class ExportOutcome {

	/** The contract's retention of a READY export. */
	static final Duration RETENTION = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(ExportOutcome.class);

	private final Leases<DataExport> leases;

	private final ExportFiles files;

	private final AuditService audit;

	private final ExportUpdates updates;

	private final Clock clock;

	ExportOutcome(Leases<DataExport> leases, ExportFiles files, AuditService audit, ExportUpdates updates,
			Clock clock) {
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
		DataExport export = lease.work();
		Instant now = clock.instant();
		Instant expiresAt = now.plus(RETENTION);
		Update update = Update.update("status", ExportStatus.READY)
			.set("fileId", DataExport.fileId(export.id(), export.attempts()))
			.set("sizeBytes", size)
			.set("completedAt", now)
			.set("expiresAt", expiresAt)
			.unset("openSlot");
		// the mail says where to find the export after signing in; it never carries a link
		MailOutbox.push(update, PendingMail.of("export-ready", export.subjectId(), Map.of("exportId", export.id(),
				"format", export.format().name(), "expiresAt", expiresAt.toString()), now));
		if (!leases.release(lease, update)) {
			// taken over, or erased, while the file was written: this file is nobody's
			files.deleteAttempts(export.id(), export.attempts(), export.attempts());
			log.info("Exports: export {} was taken over or erased before it was finished", export.id());
			return;
		}
		audit.record(AuditEntry.bySystem(export.subjectId(), "export.ready", export.id(),
				Map.of("format", export.format().name(), "sizeBytes", Long.toString(size))));
		updates.changed(export.id());
	}

	void failed(Lease<DataExport> lease, String reason) {
		DataExport export = lease.work();
		Update update = Update.update("status", ExportStatus.FAILED)
			.set("failureReason", reason)
			.set("completedAt", clock.instant())
			.unset("openSlot");
		if (leases.release(lease, update)) {
			audit.record(AuditEntry.bySystem(export.subjectId(), "export.failed", export.id(), Map.of("reason", reason)));
			updates.changed(export.id());
		}
	}

}
