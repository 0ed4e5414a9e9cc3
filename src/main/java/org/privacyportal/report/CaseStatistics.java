package org.privacyportal.report;

import java.time.Instant;
import java.util.List;

/**
 * A queue of cases (correction requests, deletion requests, complaints) as the staff report counts
 * them; each feature with a queue implements it.
 */
public interface CaseStatistics {

	/** The row label, e.g. {@code CORRECTION}, {@code DELETION}, {@code COMPLAINT}. */
	String caseType();

	/** Cases received in {@code [from, to)}, with how each ended if it did. */
	List<CaseRecord> receivedBetween(Instant from, Instant to);

	record CaseRecord(Instant receivedAt, Outcome outcome, Instant closedAt) {
	}

	enum Outcome {

		OPEN, COMPLETED, REJECTED, DISMISSED, CANCELLED

	}

}
