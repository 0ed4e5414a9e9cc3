package org.privacyportal.report;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A queue of cases (correction requests, deletion requests, complaints) as the staff report counts
 * them; each feature with a queue declares one bean, naming its collection and fields.
 *
 * @param caseType the row label, e.g. {@code CORRECTION}
 * @param receivedAt the field holding when a case came in
 * @param closings the statuses (kept in {@code status}) that close a case, with how it counts; any
 * other status is open
 */
public record CaseCollection(String caseType, String collection, String receivedAt,
		Map<? extends Enum<?>, Closing> closings) {

	/** Cases received in {@code [from, to)}, with how each ended if it did. */
	public List<CaseRecord> receivedBetween(MongoTemplate mongo, Instant from, Instant to) {
		Query query = Query.query(Criteria.where(receivedAt).gte(from).lt(to));
		query.fields().include("status", receivedAt);
		closings.values().forEach(closing -> query.fields().include(closing.closedAt()));
		return mongo.find(query, Document.class, collection).stream().map(this::toRecord).toList();
	}

	/** Cases not closed yet. */
	public long open(MongoTemplate mongo) {
		return mongo.count(Query.query(isOpen()), collection);
	}

	/** Open cases past their {@code dueAt}. */
	public long overdue(MongoTemplate mongo, Instant now) {
		return mongo.count(Query.query(isOpen().and("dueAt").lt(now)), collection);
	}

	private Criteria isOpen() {
		return Criteria.where("status").nin(closings.keySet().stream().map(Enum::name).toList());
	}

	private CaseRecord toRecord(Document found) {
		Instant received = found.getDate(receivedAt).toInstant();
		Closing closing = closings.entrySet()
			.stream()
			.filter(entry -> entry.getKey().name().equals(found.getString("status")))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
		if (closing == null) {
			return new CaseRecord(received, Outcome.OPEN, null);
		}
		Date closedAt = found.getDate(closing.closedAt());
		return new CaseRecord(received, closing.outcome(), closedAt == null ? null : closedAt.toInstant());
	}

	/** A closing status counts as {@code outcome}, closed at the time its field {@code closedAt} holds. */
	public record Closing(Outcome outcome, String closedAt) {
	}

	public record CaseRecord(Instant receivedAt, Outcome outcome, @Nullable Instant closedAt) {
	}

	public enum Outcome {

		OPEN, COMPLETED, REJECTED, DISMISSED, CANCELLED

	}

}
