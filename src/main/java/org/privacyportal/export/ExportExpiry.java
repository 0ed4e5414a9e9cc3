package org.privacyportal.export;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.system.SystemTasks;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the files of READY exports whose 7 days are up, and the data systems' answers they were
 * built from, and marks them EXPIRED. The file and answers go first: a sweep cut short between the two steps is finished by the next one.
 */
@Component
class ExportExpiry {

	private final MongoTemplate mongo;

	private final ExportFiles files;

	private final ExportUpdates updates;

	private final AuditService audit;

	private final SystemTasks systems;

	private final Clock clock;

	ExportExpiry(MongoTemplate mongo, ExportFiles files, ExportUpdates updates, AuditService audit, SystemTasks systems,
			Clock clock) {
		this.systems = systems;
		this.mongo = mongo;
		this.files = files;
		this.updates = updates;
		this.audit = audit;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	@SchedulerLock(name = "export-expiry")
	void expireDue() {
		Instant now = clock.instant();
		Query due = Query.query(Criteria.where("status").is(ExportStatus.READY).and("expiresAt").lte(now));
		try (var exports = mongo.stream(due, DataExport.class)) {
			exports.forEach(this::expire);
		}
	}

	private void expire(DataExport export) {
		files.deleteAttempts(export.id(), 1, export.attempts());
		Query ready = Query.query(Criteria.where("_id").is(export.id()).and("status").is(ExportStatus.READY));
		Update update = Update.update("status", ExportStatus.EXPIRED).unset("fileId");
		systems.forgetAnswers(export.id());
		if (mongo.updateFirst(ready, update, DataExport.class).getModifiedCount() == 1) {
			audit.record(AuditEntry.bySystem(export.subjectId(), "export.expired", export.id(), Map.of()));
			updates.changed(export.id());
		}
	}

}
