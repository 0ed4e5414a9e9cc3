package org.privacyportal.consent;

import java.util.Set;

import org.privacyportal.personaldata.PersonalDataEraser;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Deletes the subject's current choices and keeps the consent events: they are the proof of what
 * was agreed to and when. An event holds no personal data besides the subject id, which after the
 * erasure no longer leads to a person (the subject is a tombstone): purpose key and version, granted,
 * source, channel (a client tag such as {@code web}), policy version and time. Events still waiting in the
 * settings document are copied to the history first, and the settings are removed only at the
 * revision whose events were copied, so a concurrent change is never lost; a re-run finds nothing.
 */
@Component
class ConsentEraser implements PersonalDataEraser {

	private static final int MAX_ATTEMPTS = 200;

	private final MongoTemplate mongo;

	ConsentEraser(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Set<String> collections() {
		return Set.of(mongo.getCollectionName(ConsentSettings.class), mongo.getCollectionName(ConsentEvent.class));
	}

	@Override
	public void erase(String subjectId) {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			ConsentSettings settings = mongo.findById(subjectId, ConsentSettings.class);
			if (settings == null) {
				return;
			}
			for (ConsentEvent.Recorded event : settings.pendingEvents()) {
				try {
					mongo.insert(ConsentEvent.of(subjectId, event));
				}
				catch (DuplicateKeyException ex) {
					// already copied
				}
			}
			Query atRevision = Query.query(Criteria.where("_id").is(subjectId).and("revision").is(settings.revision()));
			if (mongo.remove(atRevision, ConsentSettings.class).getDeletedCount() == 1) {
				return;
			}
		}
		throw new IllegalStateException("Consent settings of " + subjectId + " kept changing during erasure");
	}

}
