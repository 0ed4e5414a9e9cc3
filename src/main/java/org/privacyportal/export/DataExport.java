package org.privacyportal.export;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.notification.PendingMail;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A requested export and its build state.
 *
 * <p>{@code openSlot} holds the subject id while the export is PENDING or RUNNING and is unset when
 * it closes; its unique sparse index is what allows one open export per subject even when two
 * requests race. {@code claim}, {@code leaseUntil} and {@code attempts} are the worker's lease (see
 * {@link org.privacyportal.store.Leases}), {@code worker} the instance holding it; the file of
 * attempt {@code n} has the GridFS id {@code <id>/<n>}, so the chunks of an interrupted attempt can
 * always be found and removed. {@code systemsAwaitedUntil} keeps it from being claimed while data
 * systems still have time to answer. {@code outbox} holds the export-ready mail until it is sent, and
 * {@code pendingAudit} names the audit event of the closing (READY or FAILED) until it is recorded: it is
 * written with the closing and unset after the event, so a worker that died in between leaves it to the
 * next round of any worker ({@link ExportOutcome#recordPending()}). The
 * expiries of the links downloaded through so far are kept in {@code downloadedLinks}, written only
 * by {@link ExportService#recordDownload}.
 */
@Document(DataExport.COLLECTION)
@CompoundIndex(name = "subject_requested", def = "{'subjectId': 1, 'requestedAt': -1}")
@CompoundIndex(name = "work_queue", def = "{'status': 1, 'leaseUntil': 1}")
record DataExport(@Id String id, String subjectId, ExportFormat format, ExportStatus status, Instant requestedAt,
		@Nullable @Indexed(unique = true, sparse = true) String openSlot, int attempts, @Nullable String claim,
		@Nullable String worker, @Nullable Instant leaseUntil, @Nullable String fileId, @Nullable Long sizeBytes,
		@Nullable Instant completedAt, @Nullable Instant expiresAt, @Nullable String failureReason,
		@Nullable Instant systemsAwaitedUntil, List<PendingMail> outbox, @Nullable String pendingAudit) {

	static final String COLLECTION = "exports";

	static DataExport requested(String id, String subjectId, ExportFormat format, Instant now) {
		return new DataExport(id, subjectId, format, ExportStatus.PENDING, now, subjectId, 0, null, null, null, null,
				null, null, null, null, null, List.of(), null);
	}

	/** The GridFS id of one attempt's file. */
	static String fileId(String exportId, int attempt) {
		return exportId + "/" + attempt;
	}

}
