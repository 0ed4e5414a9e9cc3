package org.privacyportal.export;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.privacyportal.audit.AuditService;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.store.Leases.Lease;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.system.SystemTasks;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second worker, made by hand with a short lease and a slow section, builds next to the
 * application's own worker, which polls every 100 ms and takes over any export whose lease has
 * run out. The suite's clock stands still unless a test moves it, so the tests move it to let
 * leases run out.
 */
class ExportLeaseTests extends PortalIntegrationTest {

	private static final Duration LEASE = Duration.ofMillis(600);

	@Autowired
	private ExportFiles files;

	@Autowired
	private SubjectService subjects;

	@Autowired
	private SystemTasks systems;

	@Autowired
	private AuditService audit;

	@Autowired
	private ExportUpdates updates;

	@Autowired
	private TaskScheduler scheduler;

	@Autowired
	private MessageSource messages;

	@Test
	void aBuildLongerThanItsLeaseKeepsItByRenewing() {
		String subjectId = newSubject().document("me").text("data.me.id");
		// the test clock stands still unless moved: each row moves it by half a lease
		ExportWorker slowWorker = worker(new SlowSection(5, () -> {
			pause(Duration.ofMillis(400));
			clock.advance(LEASE.dividedBy(2));
		}));
		Lease<DataExport> claimed = claimedBy(subjectId);
		slowWorker.process(claimed);

		DataExport done = mongo.findById(claimed.id(), DataExport.class);
		assertThat(done.status()).isEqualTo(ExportStatus.READY);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.fileId()).isEqualTo(DataExport.fileId(claimed.id(), 1));
		assertThat(files.exists(done.fileId())).isTrue();
	}

	@Test
	void aBuildThatHangsLosesItsLeaseAndAnotherWorkerFinishesTheExport() {
		String subjectId = newSubject().document("me").text("data.me.id");
		CountDownLatch release = new CountDownLatch(1);
		ExportWorker hungWorker = worker(new SlowSection(1, () -> {
			try {
				release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		Lease<DataExport> claimed = claimedBy(subjectId);
		CompletableFuture<Void> hung = CompletableFuture.runAsync(() -> hungWorker.process(claimed));
		try {
			// past the stall limit the heartbeat stops renewing; then the lease runs out
			pause(LEASE.multipliedBy(ExportWorker.STALL_LEASES).plusMillis(500));
			clock.advance(LEASE.multipliedBy(2));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> mongo.findById(claimed.id(), DataExport.class).status() == ExportStatus.READY);
			release.countDown();
			hung.join();
		}
		finally {
			release.countDown();
		}

		DataExport done = mongo.findById(claimed.id(), DataExport.class);
		assertThat(done.status()).isEqualTo(ExportStatus.READY);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.fileId()).isEqualTo(DataExport.fileId(claimed.id(), 2));
		assertThat(files.exists(done.fileId())).isTrue();
		assertThat(files.exists(DataExport.fileId(claimed.id(), 1))).as("the hung attempt's file").isFalse();
	}

	private ExportWorker worker(PersonalDataSection section) {
		ExportProperties properties = new ExportProperties(Duration.ofHours(1), LEASE, 3, Duration.ofSeconds(1), null);
		return new ExportWorker(mongo, files, List.of(section), subjects, systems, audit, updates, properties, scheduler,
				clock, messages);
	}

	/** An export a worker has just claimed, as {@code claim()} leaves it. */
	private Lease<DataExport> claimedBy(String subjectId) {
		Instant now = clock.instant();
		String claim = UUID.randomUUID().toString();
		DataExport claimed = ExportTestSupport.claimed(
				DataExport.requested(UUID.randomUUID().toString(), subjectId, ExportFormat.JSON, now), 1, claim,
				"hand-made", now.plus(LEASE));
		mongo.insert(claimed);
		return new Lease<>(claimed, claimed.id(), claim);
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Runs {@code beforeEachRow} before each of its rows. */
	private record SlowSection(int rows, Runnable beforeEachRow) implements PersonalDataSection {

		@Override
		public String key() {
			return "slow";
		}

		@Override
		public String title() {
			return "Slow";
		}

		@Override
		public List<String> columns() {
			return List.of("n");
		}

		@Override
		public Set<String> collections() {
			return Set.of();
		}

		@Override
		public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
			for (int n = 0; n < rows; n++) {
				beforeEachRow.run();
				sink.accept(Map.of("n", n));
			}
		}

	}

}
