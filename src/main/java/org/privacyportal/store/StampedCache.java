package org.privacyportal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.bson.Document;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * An in-memory copy of shared data that every instance keeps current through a stamp in the store
 * (the embedded store has no change streams): a writer bumps the stamp, and a reader compares it
 * at most once per refresh interval and reloads when it moved. The stamp is read before the data,
 * so a change racing a reload only causes one more reload.
 */
public final class StampedCache<T> {

	static final String COLLECTION = "cache_stamps";

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration refreshInterval;

	private final String name;

	private final Supplier<T> loader;

	private volatile Snapshot<T> snapshot;

	StampedCache(MongoTemplate mongo, Clock clock, Duration refreshInterval, String name, Supplier<T> loader) {
		this.mongo = mongo;
		this.clock = clock;
		this.refreshInterval = refreshInterval;
		this.name = name;
		this.loader = loader;
	}

	public T get() {
		Snapshot<T> current = snapshot;
		Instant now = clock.instant();
		if (current == null) {
			return reload(now);
		}
		if (now.isBefore(current.checkedAt()) || !now.isBefore(current.checkedAt().plus(refreshInterval))) {
			if (stamp() != current.stamp()) {
				return reload(now);
			}
			snapshot = new Snapshot<>(current.stamp(), now, current.value());
		}
		return current.value();
	}

	/** After a write of the data: every instance reloads, this one at once. */
	public void changed() {
		mongo.findAndModify(Query.query(Criteria.where("_id").is(name)), new Update().inc("stamp", 1L),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
		reload(clock.instant());
	}

	private T reload(Instant now) {
		long stamp = stamp();
		T value = loader.get();
		snapshot = new Snapshot<>(stamp, now, value);
		return value;
	}

	private long stamp() {
		Document stamp = mongo.findById(name, Document.class, COLLECTION);
		return stamp == null ? 0 : ((Number) stamp.get("stamp")).longValue();
	}

	private record Snapshot<T>(long stamp, Instant checkedAt, T value) {
	}

}
