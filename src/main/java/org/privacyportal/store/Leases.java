package org.privacyportal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one way background work is claimed, on every instance at once. A worker takes a document
 * with {@code findAndModify} by writing a fresh {@value #CLAIM} and a {@value #LEASE_UNTIL}, and
 * {@value #ATTEMPTS} counts the claims. Every later write of the holder is conditional on its claim,
 * so a worker that lost the document to another changes nothing; a lease that ran out (its holder
 * crashed or hung) lets the next claim take the document over. Releasing unsets both fields.
 */
public final class Leases<T> {

	private static final String CLAIM = "claim";

	private static final String LEASE_UNTIL = "leaseUntil";

	private static final String ATTEMPTS = "attempts";

	private final MongoTemplate mongo;

	private final Class<T> type;

	private final Duration duration;

	private final Clock clock;

	public Leases(MongoTemplate mongo, Class<T> type, Duration duration, Clock clock) {
		this.mongo = mongo;
		this.type = type;
		this.duration = duration;
		this.clock = clock;
	}

	/**
	 * The first document of {@code work} in {@code order} that no one holds, claimed together with
	 * {@code also}; null when there is none.
	 */
	public @Nullable Lease<T> claim(Criteria work, Sort order, Update also) {
		Instant now = clock.instant();
		Query query = Query.query(new Criteria().andOperator(work, new Criteria()
			.orOperator(Criteria.where(LEASE_UNTIL).is(null), Criteria.where(LEASE_UNTIL).lte(now)))).with(order);
		String claim = UUID.randomUUID().toString();
		also.set(CLAIM, claim).set(LEASE_UNTIL, now.plus(duration)).inc(ATTEMPTS, 1);
		T claimed = mongo.findAndModify(query, also, FindAndModifyOptions.options().returnNew(true), type);
		if (claimed == null) {
			return null;
		}
		Object id = mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(type)
			.getIdentifierAccessor(claimed)
			.getRequiredIdentifier();
		return new Lease<>(claimed, id.toString(), claim);
	}

	/**
	 * Claims the documents of {@code work} one at a time, each at most once per call, and hands each
	 * to {@code handler}, which releases it or leaves its lease to run out.
	 */
	public void claimEach(Criteria work, Sort order, Consumer<Lease<T>> handler) {
		List<String> handled = new ArrayList<>();
		Lease<T> lease;
		while ((lease = claim(new Criteria().andOperator(work, Criteria.where("_id").nin(handled)), order,
				new Update())) != null) {
			handled.add(lease.id());
			handler.accept(lease);
		}
	}

	/** Extends the lease from now; false once another worker holds the document, or it is gone. */
	public boolean renew(Lease<T> lease) {
		return write(lease, Update.update(LEASE_UNTIL, clock.instant().plus(duration)));
	}

	/** Applies {@code update} as long as the claim stands; false when it did not. */
	public boolean write(Lease<T> lease, Update update) {
		Query held = Query.query(Criteria.where("_id").is(lease.id()).and(CLAIM).is(lease.claim()));
		return mongo.updateFirst(held, update, type).getMatchedCount() == 1;
	}

	/** Applies {@code update} and gives the document up, as long as the claim stands. */
	public boolean release(Lease<T> lease, Update update) {
		return write(lease, update.unset(CLAIM).unset(LEASE_UNTIL));
	}

	/** One claimed document, as the claim left it. */
	public record Lease<T>(T work, String id, String claim) {
	}

	/**
	 * How long a failed piece of work waits before its next attempt: {@code first} after the first
	 * failure, doubling with each further one, at most {@code max}.
	 */
	public static Duration backoff(Duration first, Duration max, int attempts) {
		Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
		return (wait.compareTo(max) > 0 ? max : wait).truncatedTo(ChronoUnit.MILLIS);
	}

}
