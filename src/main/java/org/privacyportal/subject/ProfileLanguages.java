package org.privacyportal.subject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.bson.Document;

import org.privacyportal.security.Caller;
import org.privacyportal.store.CacheProperties;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The language each recent caller chose in their profile, held in memory: every request with a token
 * read it from the store, which the profile showed costing more than running {@code { __typename }}
 * itself. A change made through this instance is seen by the next request, another instance's
 * within {@code portal.cache.refresh-interval}, after which each entry is read again.
 */
@Component
class ProfileLanguages {

	/** Each entry is a few hundred bytes. */
	static final int MAX_CALLERS = 10_000;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration refreshInterval;

	private final Cache<Identity, Known> languages = Caffeine.newBuilder().maximumSize(MAX_CALLERS).build();

	ProfileLanguages(MongoTemplate mongo, Clock clock, CacheProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.refreshInterval = properties.refreshInterval();
	}

	/**
	 * The language the caller's subject chose, if they are registered and chose one. Once an entry is
	 * stale one request reads it again while the others go on with it, so a busy caller's requests
	 * do not all read at once.
	 */
	Optional<String> of(Caller caller) {
		Identity identity = new Identity(caller.issuer(), caller.subject());
		Instant now = clock.instant();
		Known known = languages.getIfPresent(identity);
		if (known != null && (known.freshAt(now, refreshInterval) || !known.reading().compareAndSet(false, true))) {
			return known.language();
		}
		try {
			Optional<String> language = read(identity);
			languages.put(identity, new Known(language, now, new AtomicBoolean()));
			return language;
		}
		catch (RuntimeException ex) {
			if (known != null) {
				known.reading().set(false);
			}
			throw ex;
		}
	}

	void forget(String issuer, String externalId) {
		languages.invalidate(new Identity(issuer, externalId));
	}

	private Optional<String> read(Identity identity) {
		Query query = Query.query(Criteria.where("issuer").is(identity.issuer()).and("externalId").is(identity.externalId()));
		query.fields().include("profile.language");
		Document found = mongo.findOne(query, Document.class, Subject.COLLECTION);
		Document profile = found == null ? null : found.get("profile", Document.class);
		return Optional.ofNullable(profile == null ? null : profile.getString("language"));
	}

	private record Identity(String issuer, String externalId) {
	}

	private record Known(Optional<String> language, Instant readAt, AtomicBoolean reading) {

		boolean freshAt(Instant now, Duration refreshInterval) {
			return !now.isBefore(readAt) && now.isBefore(readAt.plus(refreshInterval));
		}

	}

}
