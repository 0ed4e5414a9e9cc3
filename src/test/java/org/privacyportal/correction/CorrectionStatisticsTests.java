package org.privacyportal.correction;

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

class CorrectionStatisticsTests extends PortalIntegrationTest {

	@Autowired
	List<CaseCollection> collections;

	@Test
	void correctionsAreCountedWithTheirOutcomeAndClosingTime() {
		clock.advance(Duration.ofDays(3650));
		Instant from = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		PortalClient alice = newSubject();
		String approved = submit(alice, "FULL_NAME", "Alice Approved");
		String rejected = submit(alice, "ORGANIZATION", "ACME");
		String cancelled = submit(alice, "PHONE", "+41 44 668 18 00");
		submit(alice, "EMAIL", "alice.open@example.org");
		clock.advance(Duration.ofHours(2));
		staff().document("reviewCorrection", "id", approved, "decision", "APPROVE");
		staff().document("reviewCorrection", "id", rejected, "decision", "REJECT", "note", "No");
		alice.document("cancelCorrection", "id", cancelled);
		Instant closed = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		clock.advance(Duration.ofHours(1));

		List<CaseRecord> records = corrections().receivedBetween(mongo, from, clock.instant());

		assertThat(records).extracting(CaseRecord::outcome)
			.containsExactlyInAnyOrder(Outcome.COMPLETED, Outcome.REJECTED, Outcome.CANCELLED, Outcome.OPEN);
		assertThat(records).allSatisfy(r -> assertThat(r.receivedAt()).isEqualTo(from));
		assertThat(records).filteredOn(r -> r.outcome() != Outcome.OPEN)
			.allSatisfy(r -> assertThat(r.closedAt()).isEqualTo(closed));
		assertThat(records).filteredOn(r -> r.outcome() == Outcome.OPEN).allSatisfy(r -> assertThat(r.closedAt()).isNull());
		assertThat(corrections().receivedBetween(mongo, from.minusSeconds(60), from)).isEmpty();
	}

	private CaseCollection corrections() {
		return collections.stream().filter(s -> s.caseType().equals("CORRECTION")).findFirst().orElseThrow();
	}

	private String submit(PortalClient subject, String field, String value) {
		return subject.document("submitCorrection", "field", field, "proposedValue", value)
			.text("data.submitCorrectionRequest.request.id");
	}

}
