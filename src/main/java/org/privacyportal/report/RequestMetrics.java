package org.privacyportal.report;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** {@code RequestMetrics}: the staff report for one period. */
record RequestMetrics(Instant from, Instant to, List<CaseTypeMetrics> caseTypes) {

	/** {@code CaseTypeMetrics}: one case type's row. */
	record CaseTypeMetrics(String caseType, int received, int open, int completed, int rejected, int dismissed,
			int cancelled, @Nullable Double medianDaysToClose, @Nullable Double p90DaysToClose) {
	}

}
