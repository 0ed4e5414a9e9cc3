package org.privacyportal.export;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.mongodb.client.gridfs.GridFSUploadStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.subject.SubjectService;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Builds exports on every instance. An export is claimed with {@code findAndModify} on its status
 * and lease, so two instances never build the same one; the lease is renewed while rows stream,
 * and an export whose worker died is claimed again once its lease has run out, until
 * {@code maxAttempts} interrupted builds mark it {@code FAILED}.
 */
@Component
class ExportWorker implements SmartLifecycle {

	/** How many leases a build may go without producing a row before it is taken for hung. */
	static final int STALL_LEASES = 10;

	/** The contract's retention of a READY export. */
	static final Duration RETENTION = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

	private static final Pattern SECTION_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

	private final MongoTemplate mongo;

	private final ExportFiles files;

	private final List<PersonalDataSection> sections;

	private final SubjectService subjects;

	private final AuditService audit;

	private final ExportUpdates updates;

	private final ExportProperties properties;

	private final Clock clock;

	/** Names this instance's claims in the documents and the audit trail. */
	private final String workerId = UUID.randomUUID().toString();

	private final AtomicBoolean wakeQueued = new AtomicBoolean();

	private final ScheduledExecutorService heartbeats = daemonExecutor("export-lease");

	private volatile ScheduledExecutorService executor;

	ExportWorker(MongoTemplate mongo, ExportFiles files, List<PersonalDataSection> sections, SubjectService subjects,
			AuditService audit, ExportUpdates updates, ExportProperties properties, Clock clock) {
		this.mongo = mongo;
		this.files = files;
		this.sections = List.copyOf(sections);
		this.subjects = subjects;
		this.audit = audit;
		this.updates = updates;
		this.properties = properties;
		this.clock = clock;
		checkSections(this.sections);
	}

	/** Section keys become JSON keys, file names and HTML anchors: they must be unique and plain. */
	private static void checkSections(List<PersonalDataSection> sections) {
		Set<String> keys = new HashSet<>();
		for (PersonalDataSection section : sections) {
			if (!SECTION_KEY.matcher(section.key()).matches() || !keys.add(section.key())) {
				throw new IllegalStateException("Export section key '" + section.key() + "' is not unique or not plain");
			}
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService started = daemonExecutor("export-worker");
		long interval = properties.pollInterval().toMillis();
		started.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
		executor = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = executor;
		executor = null;
		heartbeats.shutdownNow();
		if (running != null) {
			running.shutdownNow();
			try {
				running.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static ScheduledExecutorService daemonExecutor(String name) {
		return Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

	/** Looks for work now rather than at the next poll, e.g. right after a request on this instance. */
	void wake() {
		ScheduledExecutorService running = executor;
		if (running != null && wakeQueued.compareAndSet(false, true)) {
			try {
				running.execute(() -> {
					wakeQueued.set(false);
					drain();
				});
			}
			catch (RejectedExecutionException ex) {
				// shutting down: another instance's poll finds the export
			}
		}
	}

	/** Builds claimable exports until there are none. */
	void drain() {
		try {
			DataExport claimed;
			while (!Thread.currentThread().isInterrupted() && (claimed = claim()) != null) {
				process(claimed);
			}
		}
		catch (Throwable ex) {
			// a scheduled task that throws is never run again: log it and let the next poll retry;
			// an export left RUNNING is claimed again once its lease runs out
			log.error("Exports: the worker stopped this round", ex);
		}
	}

	/** The oldest PENDING export, or a RUNNING one whose lease has run out. */
	DataExport claim() {
		Instant now = clock.instant();
		Query query = Query.query(new Criteria().orOperator(Criteria.where("status").is(ExportStatus.PENDING),
				Criteria.where("status").is(ExportStatus.RUNNING).and("leaseUntil").lt(now)))
			.with(Sort.by("requestedAt"));
		Update update = Update.update("status", ExportStatus.RUNNING)
			.set("claim", UUID.randomUUID().toString())
			.set("worker", workerId)
			.set("leaseUntil", now.plus(properties.lease()))
			.inc("attempts", 1);
		return mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), DataExport.class);
	}

	void process(DataExport export) {
		if (export.attempts() > properties.maxAttempts()) {
			files.deleteAttempts(export.id(), 1, export.attempts());
			fail(export, "The export was interrupted " + properties.maxAttempts() + " times and was given up");
			return;
		}
		audit.record(AuditEntry.bySystem(export.subjectId(), "export.started", export.id(),
				Map.of("attempt", Integer.toString(export.attempts()), "worker", workerId)));
		updates.changed(export.id());
		if (subjects.find(export.subjectId()).isEmpty()) {
			fail(export, "The subject no longer exists");
			return;
		}
		try {
			Built built = build(export);
			complete(export, built);
		}
		catch (LeaseLostException ex) {
			log.info("Exports: lost the lease on {} to another instance", export.id());
		}
		catch (SectionFailedException ex) {
			log.error("Exports: section '{}' failed while building export {}", ex.section, export.id(), ex.getCause());
			fail(export, "The '" + ex.section + "' section could not be read; see the server log for export "
					+ export.id());
		}
		catch (IOException | RuntimeException ex) {
			log.error("Exports: writing export {} failed", export.id(), ex);
			fail(export, "The export file could not be written; see the server log for export " + export.id());
		}
	}

	private Built build(DataExport export) throws IOException {
		// chunks left by an attempt that crashed mid-upload
		files.deleteAttempts(export.id(), 1, export.attempts() - 1);
		Lease lease = new Lease(export);
		long beat = Math.max(1, properties.lease().toMillis() / 3);
		ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(lease::renew, beat, beat,
				TimeUnit.MILLISECONDS);
		Instant generatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String fileId = DataExport.fileId(export.id(), export.attempts());
		String fileName = "privacy-export-" + LocalDate.ofInstant(generatedAt, ZoneOffset.UTC) + "."
				+ export.format().extension();
		GridFSUploadStream upload = files.create(fileId, fileName, export.id(), export.subjectId(),
				export.format().contentType());
		Counting counting = new Counting(upload);
		try {
			OutputStream out = new BufferedOutputStream(counting, 64 * 1024);
			new ExportArchive(sections, reader(export.subjectId(), lease), export.subjectId(), generatedAt)
				.write(export.format(), out);
		}
		catch (IOException | RuntimeException ex) {
			abort(upload, ex);
			throw ex;
		}
		finally {
			heartbeat.cancel(false);
		}
		upload.close();
		return new Built(fileId, counting.count);
	}

	private static void abort(GridFSUploadStream upload, Exception cause) {
		try {
			upload.abort();
		}
		catch (RuntimeException ex) {
			// the chunks written so far go with the next attempt or the eraser
			cause.addSuppressed(ex);
		}
	}

	/** Marks progress per row and tells a section's failure from a failure to write. */
	private static ExportArchive.SectionReader reader(String subjectId, Lease lease) {
		return (section, sink) -> {
			Consumer<Map<String, Object>> guarded = row -> {
				lease.progress();
				try {
					sink.accept(row);
				}
				catch (RuntimeException ex) {
					throw new WriteFailedException(ex);
				}
			};
			lease.progress();
			try {
				section.rows(subjectId, guarded);
			}
			catch (LeaseLostException | WriteFailedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new SectionFailedException(section.key(), ex);
			}
		};
	}

	private void complete(DataExport export, Built built) {
		Instant now = clock.instant();
		Update update = Update.update("status", ExportStatus.READY)
			.set("fileId", built.fileId())
			.set("sizeBytes", built.size())
			.set("completedAt", now)
			.set("expiresAt", now.plus(RETENTION))
			.unset("openSlot")
			.unset("claim")
			.unset("leaseUntil");
		// the mail says where to find the export after signing in; it never carries a link
		MailOutbox.push(update, PendingMail.of("export-ready", export.subjectId(), Map.of("exportId", export.id(),
				"format", export.format().name(), "expiresAt", now.plus(RETENTION).toString()), now));
		if (mongo.updateFirst(ownedBy(export), update, DataExport.class).getModifiedCount() == 0) {
			// taken over, or erased, while the file was written: this file is nobody's
			files.deleteAttempts(export.id(), export.attempts(), export.attempts());
			log.info("Exports: export {} was taken over or erased before it was finished", export.id());
			return;
		}
		audit.record(AuditEntry.bySystem(export.subjectId(), "export.ready", export.id(),
				Map.of("format", export.format().name(), "sizeBytes", Long.toString(built.size()))));
		updates.changed(export.id());
	}

	private void fail(DataExport export, String reason) {
		Update update = Update.update("status", ExportStatus.FAILED)
			.set("failureReason", reason)
			.set("completedAt", clock.instant())
			.unset("openSlot")
			.unset("claim")
			.unset("leaseUntil");
		if (mongo.updateFirst(ownedBy(export), update, DataExport.class).getModifiedCount() == 1) {
			audit.record(AuditEntry.bySystem(export.subjectId(), "export.failed", export.id(), Map.of("reason", reason)));
			updates.changed(export.id());
		}
	}

	private static Query ownedBy(DataExport export) {
		return Query.query(Criteria.where("_id").is(export.id()).and("status").is(ExportStatus.RUNNING).and("claim")
			.is(export.claim()));
	}

	private record Built(String fileId, long size) {
	}

	/**
	 * The claim on one export, renewed every third of the lease by the heartbeat thread so that a
	 * slow query does not lose it. A build that has produced nothing for {@link #STALL_LEASES}
	 * leases is taken for hung: its lease is left to run out so that another worker takes over.
	 */
	private final class Lease {

		private final DataExport export;

		private volatile boolean lost;

		private volatile long progressAt = System.nanoTime();

		Lease(DataExport export) {
			this.export = export;
		}

		/** Called by the build for every row; stops it once another worker holds the export. */
		void progress() {
			if (lost) {
				throw new LeaseLostException();
			}
			progressAt = System.nanoTime();
		}

		void renew() {
			if (lost || System.nanoTime() - progressAt > properties.lease().toNanos() * STALL_LEASES) {
				return;
			}
			try {
				Update update = Update.update("leaseUntil", clock.instant().plus(properties.lease()));
				if (mongo.updateFirst(ownedBy(export), update, DataExport.class).getMatchedCount() == 0) {
					lost = true;
				}
			}
			catch (RuntimeException ex) {
				// the next beat tries again while the lease lasts
				log.warn("Exports: could not renew the lease on {}: {}", export.id(), ex.toString());
			}
		}

	}

	private static final class Counting extends FilterOutputStream {

		private long count;

		Counting(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}

		/** The upload is completed or aborted by the worker, not by closing this stream. */
		@Override
		public void close() throws IOException {
			flush();
		}

	}

	private static final class LeaseLostException extends RuntimeException {

		LeaseLostException() {
			super(null, null, false, false);
		}

	}

	private static final class WriteFailedException extends RuntimeException {

		WriteFailedException(RuntimeException cause) {
			super(cause);
		}

	}

	private static final class SectionFailedException extends RuntimeException {

		private final String section;

		SectionFailedException(String section, RuntimeException cause) {
			super(cause);
			this.section = section;
		}

	}

}
