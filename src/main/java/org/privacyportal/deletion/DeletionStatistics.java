package org.privacyportal.deletion;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.request.RequestStatus;
import org.privacyportal.report.CaseStatistics;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Deletion requests in the staff report: completed when the data was erased. */
@Component
class DeletionStatistics implements CaseStatistics {

	private final MongoTemplate mongo;

	DeletionStatistics(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String caseType() {
		return "DELETION";
	}

	@Override
	public List<CaseRecord> receivedBetween(Instant from, Instant to) {
		Query query = Query.query(Criteria.where("submittedAt").gte(from).lt(to));
		query.fields().include("status", "submittedAt", "completedAt", "cancelledAt");
		return mongo.find(query, Received.class, DeletionRequest.COLLECTION)
			.stream()
			.map(DeletionStatistics::toRecord)
			.toList();
	}

	private static CaseRecord toRecord(Received request) {
		return switch (request.status()) {
			case COMPLETED -> new CaseRecord(request.submittedAt(), Outcome.COMPLETED, request.completedAt());
			case CANCELLED -> new CaseRecord(request.submittedAt(), Outcome.CANCELLED, request.cancelledAt());
			// a deletion is never approved or rejected: it is erased unless cancelled
			case PENDING, IN_REVIEW, APPROVED, REJECTED -> new CaseRecord(request.submittedAt(), Outcome.OPEN, null);
		};
	}

	/** The part of a request the report reads. */
	private record Received(RequestStatus status, Instant submittedAt, @Nullable Instant completedAt,
			@Nullable Instant cancelledAt) {
	}

}
