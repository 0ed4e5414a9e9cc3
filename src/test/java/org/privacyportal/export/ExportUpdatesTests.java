package org.privacyportal.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscriptions to one export share one poll of the store, which ends with the last of them. */
class ExportUpdatesTests extends PortalIntegrationTest {

	@Autowired
	private ExportUpdates updates;

	@Test
	void subscriptionsToOneExportShareOnePollThatStopsWithTheLast() throws Exception {
		String sub = "shared-" + UUID.randomUUID();
		PortalClient subject = as(sub, List.of("privacy.self"), sub + "@example.com", "Shared");
		String id = subject.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		ExportTestSupport.awaitStatus(subject, id, "READY");
		await().atMost(Duration.ofSeconds(10)).until(() -> updates.polls() == 0);

		CountDownLatch answered = new CountDownLatch(3);
		List<Disposable> subscriptions = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			subscriptions.add(updates.watch(id).subscribe(export -> answered.countDown()));
		}
		assertThat(answered.await(20, TimeUnit.SECONDS)).isTrue();

		assertThat(updates.polls()).isEqualTo(1);
		subscriptions.subList(0, 2).forEach(Disposable::dispose);
		assertThat(updates.polls()).as("one subscriber left").isEqualTo(1);
		subscriptions.get(2).dispose();
		assertThat(updates.polls()).isZero();
	}

}
