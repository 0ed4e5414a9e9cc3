package org.privacyportal.export;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.audit.AuditService;
import org.privacyportal.export.ExportBuilder.SectionFailedException;
import org.privacyportal.export.ExportBuilder.StoppedException;
import org.privacyportal.language.Languages;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.store.Leases;
import org.privacyportal.store.Leases.Lease;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.subject.SubjectViews.SubjectView;
import org.privacyportal.system.SystemTasks;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Claims exports and sees each build through, on every instance. Like every worker and sweep it
 * runs from {@code @Scheduled} on Spring's task scheduler; unlike the sweeps it takes no ShedLock,
 * because each export is claimed through a {@link Leases lease}: instances build side by side, never
 * the same export, and one whose worker died is taken over once its lease has run out, until
 * {@code maxAttempts} interrupted builds mark it {@code FAILED}. A request wakes the receiving
 * instance at once; each instance drains its queue on one thread at a time.
 */
@Component
class ExportWorker {

	/** How many leases a build may go without producing a row before it is taken for hung. */
	static final int STALL_LEASES = 10;

	private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

	private final Leases<DataExport> leases;

	private final ExportBuilder builder;

	private final ExportOutcome outcome;

	private final ExportFiles files;

	private final SubjectService subjects;

	private final SystemTasks systems;

	private final ExportProperties properties;

	private final TaskScheduler scheduler;

	private final Clock clock;

	/** Names this instance's claims in the documents and the audit trail. */
	private final String workerId = UUID.randomUUID().toString();

	private final ReentrantLock draining = new ReentrantLock();

	private final AtomicBoolean again = new AtomicBoolean();

	ExportWorker(MongoTemplate mongo, ExportFiles files, List<PersonalDataSection> sections, SubjectService subjects,
			SystemTasks systems, AuditService audit, ExportUpdates updates, ExportProperties properties,
			TaskScheduler scheduler, Clock clock, MessageSource messages) {
		this.leases = new Leases<>(mongo, DataExport.class, properties.lease(), clock);
		this.builder = new ExportBuilder(files, sections, clock, messages);
		this.outcome = new ExportOutcome(mongo, leases, files, audit, updates, clock);
		this.files = files;
		this.subjects = subjects;
		this.systems = systems;
		this.clock = clock;
		this.properties = properties;
		this.scheduler = scheduler;
	}

	/** Looks for work now rather than at the next poll, e.g. right after a request on this instance. */
	void wake() {
		try {
			scheduler.schedule(this::drain, Instant.now());
		}
		catch (RejectedExecutionException ex) {
			// shutting down: another instance's poll finds the export
		}
	}

	/**
	 * Builds claimable exports until there are none. A call while another is draining has that one
	 * look once more, so work that arrives as it finishes is not left to the next poll.
	 */
	@Scheduled(fixedDelayString = "${portal.export.poll-interval:10s}",
			initialDelayString = "${portal.export.poll-interval:10s}")
	void drain() {
		again.set(true);
		while (again.get() && draining.tryLock()) {
			try {
				again.set(false);
				outcome.recordPending();
				Lease<DataExport> claimed;
				while (!Thread.currentThread().isInterrupted() && (claimed = claim()) != null) {
					process(claimed);
				}
			}
			catch (RuntimeException ex) {
				// an export left RUNNING is claimed again once its lease runs out
				log.error("Exports: the worker stopped this round", ex);
			}
			finally {
				draining.unlock();
			}
		}
	}

	/** The oldest PENDING export not waiting for data systems, or a RUNNING one whose lease has run out. */
	@Nullable Lease<DataExport> claim() {
		Criteria notWaiting = new Criteria().orOperator(Criteria.where("systemsAwaitedUntil").is(null),
				Criteria.where("systemsAwaitedUntil").lte(clock.instant()));
		return leases.claim(Criteria.where("status").in(ExportStatus.PENDING, ExportStatus.RUNNING).andOperator(notWaiting),
				Sort.by("requestedAt"), Update.update("status", ExportStatus.RUNNING).set("worker", workerId));
	}

	void process(Lease<DataExport> lease) {
		DataExport export = lease.work();
		if (export.attempts() > properties.maxAttempts()) {
			files.deleteAttempts(export.id(), 1, export.attempts());
			outcome.failed(lease, "The export was interrupted " + properties.maxAttempts() + " times and was given up");
			return;
		}
		Optional<SubjectView> subject = subjects.find(export.subjectId());
		if (subject.isEmpty()) {
			outcome.started(export, workerId);
			outcome.failed(lease, "The subject no longer exists");
			return;
		}
		systems.accessRequested(export.subjectId(), export.id());
		Instant awaited = systems.accessAwaitedUntil(export.id());
		if (awaited != null) {
			// looked at again after a poll, or once the first system's time is up
			Instant poll = clock.instant().plus(properties.pollInterval());
			outcome.awaitSystems(lease, awaited.isBefore(poll) ? awaited : poll);
			return;
		}
		outcome.started(export, workerId);
		String language = Languages.of(subject.get().profile().language()).orElse(Languages.DEFAULT);
		try {
			outcome.ready(lease, build(lease, language));
		}
		catch (StoppedException ex) {
			log.info("Exports: lost the lease on {} to another instance", export.id());
		}
		catch (SectionFailedException ex) {
			log.error("Exports: section '{}' failed while building export {}", ex.section, export.id(), ex.getCause());
			outcome.failed(lease, "The '" + ex.section + "' section could not be read; see the server log for export "
					+ export.id());
		}
		catch (IOException | RuntimeException ex) {
			log.error("Exports: writing export {} failed", export.id(), ex);
			outcome.failed(lease, "The export file could not be written; see the server log for export " + export.id());
		}
	}

	private long build(Lease<DataExport> lease, String language) throws IOException {
		Heartbeat heartbeat = new Heartbeat(lease);
		try {
			return builder.build(lease.work(), systems.accessAnswers(lease.work().id()), heartbeat::progress, language);
		}
		finally {
			heartbeat.stop();
		}
	}

	/**
	 * Renews the lease every third of it, so that a slow query does not lose it. A build that has
	 * produced nothing for {@link #STALL_LEASES} leases is taken for hung: its lease is left to run
	 * out so that another worker takes over.
	 */
	private final class Heartbeat {

		private final Lease<DataExport> lease;

		private final ScheduledFuture<?> beats;

		private volatile boolean lost;

		private volatile long progressAt = System.nanoTime();

		Heartbeat(Lease<DataExport> lease) {
			this.lease = lease;
			Duration beat = Duration.ofMillis(Math.max(1, properties.lease().toMillis() / 3));
			this.beats = scheduler.scheduleWithFixedDelay(this::renew, Instant.now().plus(beat), beat);
		}

		/** Called by the build for every row; stops it once another worker holds the export. */
		void progress() {
			if (lost) {
				throw new StoppedException();
			}
			progressAt = System.nanoTime();
		}

		private void renew() {
			if (lost || System.nanoTime() - progressAt > properties.lease().toNanos() * STALL_LEASES) {
				return;
			}
			try {
				lost = !leases.renew(lease);
			}
			catch (RuntimeException ex) {
				// the next beat tries again while the lease lasts
				log.warn("Exports: could not renew the lease on {}: {}", lease.id(), ex.toString());
			}
		}

		void stop() {
			beats.cancel(false);
		}

	}

}
