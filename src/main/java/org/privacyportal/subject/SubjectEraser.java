package org.privacyportal.subject;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.privacyportal.api.IdempotencyRecords;
import org.privacyportal.personaldata.PersonalDataEraser;

import org.privacyportal.notification.MailOutbox;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Turns the subject into a tombstone: the id, the registration time and {@code erasedAt} stay; the
 * profile, the collection sources and the link to the identity provider go. The identity becomes
 * {@code erased:<id>}, so the same person signing in again is registered as a new subject. One
 * atomic update, done once: a re-run finds {@code erasedAt} set and changes nothing. A held subject
 * is never touched (the deletion worker checks through {@link SubjectService#beginErasure}). It runs
 * first, so that the person can no longer reach this subject while the other features erase theirs.
 * The identity's stored idempotent answers (which may repeat profile values) go just before it, while
 * the identity is still known.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubjectEraser implements PersonalDataEraser {

	static final String ERASED_ISSUER = "erased";

	private final MongoTemplate mongo;

	private final IdempotencyRecords idempotency;

	private final ProfileLanguages languages;

	private final Clock clock;

	SubjectEraser(MongoTemplate mongo, IdempotencyRecords idempotency, ProfileLanguages languages, Clock clock) {
		this.mongo = mongo;
		this.idempotency = idempotency;
		this.languages = languages;
		this.clock = clock;
	}

	@Override
	public Set<String> collections() {
		return Set.of(Subject.COLLECTION, IdempotencyRecords.COLLECTION);
	}

	@Override
	public void erase(String subjectId) {
		Query query = Query.query(
				Criteria.where("_id").is(subjectId).and("legalHold").is(false).and("erasedAt").is(null));
		Subject subject = mongo.findOne(query, Subject.class);
		if (subject == null) {
			return;
		}
		idempotency.forget(subject.issuer(), subject.externalId());
		Update update = MailOutbox.clear(Update.update("profile", new Subject.Profile(null, null, null, null, null, null)))
			.unset("emailKey")
			.set("collectionSources", List.of())
			.set("issuer", ERASED_ISSUER)
			.set("externalId", ERASED_ISSUER + ":" + subjectId)
			.unset("legalHoldReason")
			.set("erasedAt", clock.instant());
		mongo.updateFirst(query, update, Subject.class);
		languages.forget(subject.issuer(), subject.externalId());
	}

}
