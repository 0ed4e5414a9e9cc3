package org.privacyportal.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff report over HTTP. The clock is moved far ahead and the period is the one millisecond in
 * which this test files its complaints, so nothing else in the shared store falls into it.
 */
class RequestMetricsTests extends PortalIntegrationTest {

	@Test
	void complaintsAreCountedByOutcomeWithTheMedianAnd90thPercentileDaysToClose() {
		clock.advance(Duration.ofDays(365L * 100));
		Instant from = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		PortalClient alice = newSubject();
		PortalClient staff = staff();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			ids.add(alice.document("fileComplaint", "category", "OTHER", "summary", "s" + i, "description", "d")
				.text("data.fileComplaint.complaint.id"));
		}
		// closed after 1, 2, 3, 4 and 10 days; two stay open
		int[] closeOnDay = { 1, 2, 3, 4, 10 };
		int day = 0;
		for (int i = 0; i < closeOnDay.length; i++) {
			clock.advance(Duration.ofDays(closeOnDay[i] - day));
			day = closeOnDay[i];
			Map<String, Object> input = i == 2 ? Map.of("id", ids.get(i), "status", "DISMISSED", "reply", "Not ours")
					: Map.of("id", ids.get(i), "status", "RESOLVED", "remedy", "Fixed");
			assertThat(staff.document("updateComplaint", "input", input).path("data.updateComplaint.userErrors")).isEmpty();
		}
		staff.document("updateComplaint", "input", Map.of("id", ids.get(5), "status", "INVESTIGATING"));

		GraphQlResponse report = staff.document("requestMetrics", "from", from.toString(), "to",
				from.plusMillis(1).toString());

		assertThat(report.hasErrors()).as(report.rawBody()).isFalse();
		assertThat(Instant.parse(report.text("data.requestMetrics.from"))).isEqualTo(from);
		JsonNode complaints = row(report, "COMPLAINT");
		assertThat(complaints.path("received").asInt()).isEqualTo(7);
		assertThat(complaints.path("open").asInt()).isEqualTo(2);
		assertThat(complaints.path("completed").asInt()).isEqualTo(4);
		assertThat(complaints.path("dismissed").asInt()).isEqualTo(1);
		assertThat(complaints.path("rejected").asInt()).isZero();
		assertThat(complaints.path("cancelled").asInt()).isZero();
		assertThat(complaints.path("medianDaysToClose").asDouble()).isEqualTo(3.0);
		assertThat(complaints.path("p90DaysToClose").asDouble()).isEqualTo(7.6);

		GraphQlResponse later = staff.document("requestMetrics", "from", from.plusMillis(1).toString(), "to",
				from.plus(Duration.ofDays(1)).toString());
		assertThat(row(later, "COMPLAINT").path("received").asInt()).isZero();
		assertThat(row(later, "COMPLAINT").path("medianDaysToClose").isNull()).isTrue();
	}

	@Test
	void thePeriodMustRunForwardForAtMost366Days() {
		Instant now = clock.instant();

		GraphQlResponse backwards = staff().document("requestMetrics", "from", now.toString(), "to",
				now.minusSeconds(1).toString());
		GraphQlResponse empty = staff().document("requestMetrics", "from", now.toString(), "to", now.toString());
		GraphQlResponse tooLong = staff().document("requestMetrics", "from", now.toString(), "to",
				now.plus(Duration.ofDays(367)).toString());
		GraphQlResponse aYear = staff().document("requestMetrics", "from", now.minus(Duration.ofDays(366)).toString(),
				"to", now.toString());
		GraphQlResponse malformed = staff().document("requestMetrics", "from", "yesterday", "to", now.toString());

		assertThat(backwards.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(empty.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(tooLong.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(aYear.hasErrors()).as(aYear.rawBody()).isFalse();
		assertThat(malformed.status()).isEqualTo(200);
		assertThat(malformed.errorClassifications()).containsExactly("ValidationError");
	}

	@Test
	void theReportIsForStaffOnly() {
		Instant now = clock.instant();

		GraphQlResponse self = newSubject().document("requestMetrics", "from", now.minusSeconds(60).toString(), "to",
				now.toString());

		assertThat(self.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(anonymous().document("requestMetrics", "from", now.minusSeconds(60).toString(), "to", now.toString())
			.status()).isEqualTo(401);
	}

	private static JsonNode row(GraphQlResponse report, String caseType) {
		for (JsonNode row : report.path("data.requestMetrics.caseTypes")) {
			if (row.path("caseType").asString().equals(caseType)) {
				return row;
			}
		}
		throw new AssertionError("No " + caseType + " row in " + report.rawBody());
	}

}
