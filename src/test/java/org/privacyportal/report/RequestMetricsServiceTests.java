package org.privacyportal.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.privacyportal.report.CaseCollection.CaseRecord;
import org.privacyportal.report.CaseCollection.Outcome;
import org.privacyportal.report.RequestMetrics.CaseTypeMetrics;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMetricsServiceTests {

	@Test
	void aRowCountsEachOutcomeAndTimesOnlyTheCasesThatWereAnswered() {
		Instant t = Instant.parse("2026-01-01T00:00:00Z");
		List<CaseRecord> cases = List.of(new CaseRecord(t, Outcome.COMPLETED, t.plus(Duration.ofDays(1))),
				new CaseRecord(t, Outcome.REJECTED, t.plus(Duration.ofDays(2))),
				new CaseRecord(t, Outcome.DISMISSED, t.plus(Duration.ofDays(3))),
				new CaseRecord(t, Outcome.COMPLETED, t.plus(Duration.ofDays(10))),
				new CaseRecord(t, Outcome.CANCELLED, t.plus(Duration.ofDays(40))),
				new CaseRecord(t, Outcome.OPEN, null));

		CaseTypeMetrics row = RequestMetricsService.metrics("CORRECTION", cases);

		// answered after 1, 2, 3 and 10 days: median (2 + 3) / 2, p90 at rank 2.7: 3 + 0.7 * (10 - 3)
		assertThat(row).isEqualTo(new CaseTypeMetrics("CORRECTION", 6, 1, 2, 1, 1, 1, 2.5, 7.9));
	}

	@Test
	void aTypeWithNoClosedCaseHasNoDaysToClose() {
		CaseTypeMetrics row = RequestMetricsService.metrics("DELETION", List.of());

		assertThat(row).isEqualTo(new CaseTypeMetrics("DELETION", 0, 0, 0, 0, 0, 0, null, null));
	}

}
