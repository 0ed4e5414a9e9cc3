package org.privacyportal.complaint;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.report.CaseStatistics;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Complaints for the staff report: RESOLVED counts as completed. */
@Component
class ComplaintStatistics implements CaseStatistics {

	private final MongoTemplate mongo;

	ComplaintStatistics(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String caseType() {
		return "COMPLAINT";
	}

	@Override
	public List<CaseRecord> receivedBetween(Instant from, Instant to) {
		Query query = Query.query(Criteria.where("filedAt").gte(from).lt(to));
		query.fields().include("status", "filedAt", "closedAt");
		return mongo.find(query, Times.class, Complaint.COLLECTION)
			.stream()
			.map(times -> new CaseRecord(times.filedAt(), outcome(times.status()), times.closedAt()))
			.toList();
	}

	private static Outcome outcome(ComplaintStatus status) {
		return switch (status) {
			case RESOLVED -> Outcome.COMPLETED;
			case DISMISSED -> Outcome.DISMISSED;
			case RECEIVED, ACKNOWLEDGED, INVESTIGATING -> Outcome.OPEN;
		};
	}

	/** Only what the report needs, not the conversations. */
	record Times(ComplaintStatus status, Instant filedAt, @Nullable Instant closedAt) {
	}

}
