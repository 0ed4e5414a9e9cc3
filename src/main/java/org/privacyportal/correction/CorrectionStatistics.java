package org.privacyportal.correction;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.request.RequestStatus;
import org.privacyportal.report.CaseStatistics;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Correction requests in the staff report; an approved correction counts as completed. */
@Component
class CorrectionStatistics implements CaseStatistics {

	private final MongoTemplate mongo;

	CorrectionStatistics(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String caseType() {
		return "CORRECTION";
	}

	@Override
	public List<CaseRecord> receivedBetween(Instant from, Instant to) {
		Query query = Query.query(Criteria.where("submittedAt").gte(from).lt(to));
		query.fields().include("status", "submittedAt", "closedAt");
		return mongo.find(query, Received.class, CorrectionRequest.COLLECTION)
			.stream()
			.map(request -> new CaseRecord(request.submittedAt(), outcome(request.status()), request.closedAt()))
			.toList();
	}

	/** The part of a request the report reads. */
	private record Received(RequestStatus status, Instant submittedAt, @Nullable Instant closedAt) {
	}

	private static Outcome outcome(RequestStatus status) {
		return switch (status) {
			case PENDING, IN_REVIEW -> Outcome.OPEN;
			case APPROVED, COMPLETED -> Outcome.COMPLETED;
			case REJECTED -> Outcome.REJECTED;
			case CANCELLED -> Outcome.CANCELLED;
		};
	}

}
