package org.privacyportal.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

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
		String id = ExportTestSupport.readyExport(newSubject());
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
