package org.privacyportal.deletion;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.privacyportal.report.CaseCollection;
import org.privacyportal.report.CaseCollection.CaseRecord;
import org.privacyportal.report.CaseCollection.Outcome;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class DeletionStatisticsTests extends PortalIntegrationTest {

	@Autowired
	List<CaseCollection> collections;

	@Autowired
	DeletionWorker worker;

	@Test
	void deletionsAreCountedWithTheirOutcomeAndClosingTime() {
		clock.advance(Duration.ofDays(3650));
		Instant from = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		newSubject().document("requestDeletion");
		PortalClient cancelling = newSubject();
		cancelling.document("cancelDeletion", "id",
				cancelling.document("requestDeletion").text("data.requestDeletion.request.id"));
		Instant cancelled = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		clock.advance(Duration.ofMinutes(1));
		Instant to = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		newSubject().document("requestDeletion");
		clock.advance(Duration.ofDays(14));
		worker.executeDue();
		PortalClient open = newSubject();
		open.document("requestDeletion");

		List<CaseRecord> inRange = deletions().receivedBetween(mongo, from, to);
		List<CaseRecord> later = deletions().receivedBetween(mongo, to, clock.instant().plusSeconds(1));

		assertThat(inRange).extracting(CaseRecord::outcome).containsExactlyInAnyOrder(Outcome.COMPLETED, Outcome.CANCELLED);
		assertThat(inRange).filteredOn(r -> r.outcome() == Outcome.COMPLETED)
			.singleElement()
			.satisfies(r -> assertThat(r.closedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
		assertThat(inRange).filteredOn(r -> r.outcome() == Outcome.CANCELLED)
			.singleElement()
			.satisfies(r -> assertThat(r.closedAt()).isEqualTo(cancelled));
		assertThat(later).extracting(CaseRecord::outcome).containsExactlyInAnyOrder(Outcome.COMPLETED, Outcome.OPEN);
	}

	private CaseCollection deletions() {
		return collections.stream().filter(s -> s.caseType().equals("DELETION")).findFirst().orElseThrow();
	}

}
